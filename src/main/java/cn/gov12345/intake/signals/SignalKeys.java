package cn.gov12345.intake.signals;

import cn.gov12345.intake.stream.StreamKeys;

/**
 * The keys of one signal state namespace. Every key of a namespace carries one hash tag, so each
 * script call touches one Redis Cluster slot. The live namespace uses partition 0's tag ({@code
 * {p0}}) because its signals are appended to partition 0's tickets stream, which delivery already
 * reads and routes by type; a replay gets a fresh tag of its own and a stream of its own.
 *
 * <pre>
 *   {prefix}:{tag}:signals:seen | seen:t     observed source events (findings) and their times
 *   {prefix}:{tag}:signals:tickets | tickets:t   ticket records (JSON, no personal data) and times
 *   {prefix}:{tag}:signals:places           place index (lex zset "category:cell|time|ticket")
 *   {prefix}:{tag}:signals:closed           ticket id -> closure time (ms)
 *   {prefix}:{tag}:signals:groups | members | citizen   linked citizens and their tickets
 *   {prefix}:{tag}:signals:claims | parked  verified keys and who presented them; ambiguous keys
 *   {prefix}:{tag}:signals:alerts           alert series state (buckets, baseline, open alert)
 *   {prefix}:{tag}:signals:emitted | emitted:t   signal keys already appended
 *   {prefix}:{tag}:signals:out              a replay's signals (live: {prefix}:{p0}:tickets)
 * </pre>
 */
public final class SignalKeys {

  private final String base;
  private final String output;

  private SignalKeys(String base, String output) {
    this.base = base;
    this.output = output;
  }

  /** The live namespace: state beside partition 0, signals into partition 0's tickets stream. */
  public static SignalKeys live(StreamKeys streams, String prefix) {
    return new SignalKeys(prefix + ":{p0}:signals:", streams.tickets(0));
  }

  /** A fresh namespace for one replay run ({@code id}: letters, digits, dashes). */
  public static SignalKeys replay(String prefix, String id) {
    String base = prefix + ":{replay-" + id + "}:signals:";
    return new SignalKeys(base, base + "out");
  }

  /** The stream the signals are appended to. */
  public String output() {
    return output;
  }

  /** The KEYS of {@code signals_observe.lua}, in its order. */
  public String[] observe() {
    return new String[] {
      base + "seen",
      base + "seen:t",
      base + "tickets",
      base + "tickets:t",
      base + "places",
      base + "closed",
      base + "groups",
      base + "members",
      base + "citizen",
      base + "claims",
      base + "parked",
      base + "alerts"
    };
  }

  /** The KEYS of {@code signals_emit.lua}, in its order. */
  public String[] emit() {
    return new String[] {base + "emitted", base + "emitted:t", output};
  }

  /** Every state key (what a replay deletes when done), the output stream excluded. */
  public String[] state() {
    String[] observe = observe();
    String[] all = new String[observe.length + 2];
    System.arraycopy(observe, 0, all, 0, observe.length);
    all[observe.length] = base + "emitted";
    all[observe.length + 1] = base + "emitted:t";
    return all;
  }
}
