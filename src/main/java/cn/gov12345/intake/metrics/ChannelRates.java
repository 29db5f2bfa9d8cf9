package cn.gov12345.intake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Per-channel rates of accepted, duplicate and refused requests for the ops page, from the counters
 * Prometheus scrapes ({@code intake_messages_accepted_total}, {@code
 * intake_messages_duplicate_total}, {@code intake_requests_rejected_total}, summed over the error
 * codes): {@link #sample()} keeps a snapshot of the totals now and then (the management port does,
 * every {@link #SAMPLE_MILLIS}), and {@link #now} compares the live totals with the snapshot taken
 * one window ago (or the oldest one kept, while the gateway is younger than the window).
 */
public final class ChannelRates {

  public static final long SAMPLE_MILLIS = 10_000;

  static final String ACCEPTED = "intake.messages.accepted";
  static final String DUPLICATE = "intake.messages.duplicate";
  static final String REFUSED = "intake.requests.rejected";

  /** A channel's totals since start and its rates per minute over the window. */
  public record Rate(
      String channel,
      long accepted,
      long duplicate,
      long refused,
      double acceptedPerMinute,
      double duplicatePerMinute,
      double refusedPerMinute) {}

  /** The rates of every channel seen so far, over {@code windowSeconds}. */
  public record Rates(long windowSeconds, Map<String, Rate> channels) {}

  private record Snapshot(long millis, Map<String, long[]> totals) {}

  private final MeterRegistry registry;
  private final LongSupplier millis;
  private final long windowMillis;
  private final Deque<Snapshot> snapshots = new ArrayDeque<>();

  /**
   * @param millis the clock (epoch or monotonic milliseconds)
   * @param windowMillis the span the rates are over (the ops page uses 5 minutes)
   */
  public ChannelRates(MeterRegistry registry, LongSupplier millis, long windowMillis) {
    this.registry = registry;
    this.millis = millis;
    this.windowMillis = windowMillis;
  }

  /** Keeps a snapshot of the totals now; drops those older than needed for the window. */
  public synchronized void sample() {
    long now = millis.getAsLong();
    snapshots.addLast(new Snapshot(now, totals()));
    while (snapshots.size() > 1 && now - second().millis() >= windowMillis) {
      snapshots.removeFirst();
    }
  }

  /** The live totals and the rates against the snapshot about one window ago. */
  public synchronized Rates now() {
    long now = millis.getAsLong();
    Map<String, long[]> live = totals();
    Snapshot base = snapshots.isEmpty() ? new Snapshot(now, Map.of()) : snapshots.getFirst();
    double minutes = (now - base.millis()) / 60_000.0;
    Map<String, Rate> out = new TreeMap<>();
    live.forEach(
        (channel, t) -> {
          long[] b = base.totals().getOrDefault(channel, new long[3]);
          out.put(
              channel,
              new Rate(
                  channel,
                  t[0],
                  t[1],
                  t[2],
                  perMinute(t[0] - b[0], minutes),
                  perMinute(t[1] - b[1], minutes),
                  perMinute(t[2] - b[2], minutes)));
        });
    return new Rates(Math.round((now - base.millis()) / 1000.0), out);
  }

  private Snapshot second() {
    return snapshots.stream().skip(1).findFirst().orElseThrow();
  }

  private static double perMinute(long delta, double minutes) {
    return minutes <= 0 ? 0 : Math.round(delta / minutes * 100) / 100.0;
  }

  private Map<String, long[]> totals() {
    Map<String, long[]> totals = new TreeMap<>();
    add(totals, ACCEPTED, 0);
    add(totals, DUPLICATE, 1);
    add(totals, REFUSED, 2);
    return totals;
  }

  private void add(Map<String, long[]> totals, String name, int slot) {
    for (Counter c : registry.find(name).counters()) {
      String channel = c.getId().getTag("channel");
      if (channel != null) {
        totals.computeIfAbsent(channel, k -> new long[3])[slot] += (long) c.count();
      }
    }
  }
}
