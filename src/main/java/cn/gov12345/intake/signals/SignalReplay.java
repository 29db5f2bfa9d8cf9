package cn.gov12345.intake.signals;

import cn.gov12345.intake.config.SignalsConfig;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Replays a time range of the tickets streams into a fresh signal namespace: the ticket events of
 * every partition whose entries fall in the range, in event-time order (partition and entry id
 * break ties), through the same processor as the live worker, into a stream of the namespace's own
 * (nothing is delivered). Optionally compares the result by id (ids are deterministic) with the
 * live signals appended since the range's start; that comparison is exact when the range starts
 * where the live worker's group started (no signal state from before it). The namespace is deleted
 * afterwards.
 */
public final class SignalReplay {

  private static final int PAGE = 1000;

  /**
   * @param events the source events replayed
   * @param signals what the replay emitted, in order
   * @param live the live signals whose event time is in the range (empty unless compared)
   * @param missing ids the replay emitted that the live run did not
   * @param extra ids the live run emitted that the replay did not
   */
  public record Result(
      int events,
      List<Signal> signals,
      List<JsonObject> live,
      Set<String> missing,
      Set<String> extra) {
    public boolean same() {
      return missing.isEmpty() && extra.isEmpty();
    }
  }

  private final SignalsConfig config;
  private final StreamKeys keys;
  private final String prefix;
  private final Function<Request, Future<Response>> sender;

  public SignalReplay(
      SignalsConfig config,
      StreamKeys keys,
      String prefix,
      Function<Request, Future<Response>> sender) {
    this.config = config;
    this.keys = keys;
    this.prefix = prefix;
    this.sender = sender;
  }

  /** Replays [from, to] (stream entry times); compares with the live signals when asked. */
  public Future<Result> run(Instant from, Instant to, boolean compare) {
    SignalKeys ns = SignalKeys.replay(prefix, UUID.randomUUID().toString().substring(0, 8));
    SignalProcessor processor = new SignalProcessor(config, ns, sender);
    SignalStreams streams = new SignalStreams(keys, config.group(), sender);
    List<SignalStreams.Entry> all = new ArrayList<>();
    Future<Void> read = Future.succeededFuture();
    for (int p = 0; p < keys.partitions(); p++) {
      int partition = p;
      read =
          read.compose(
              v ->
                  readAll(
                      streams,
                      partition,
                      from.toEpochMilli() + "-0",
                      String.valueOf(to.toEpochMilli()),
                      all));
    }
    List<Signal> emitted = new ArrayList<>();
    return read.compose(v -> replay(processor, sources(all), emitted))
        .compose(
            n ->
                compare
                    ? live(streams, from).map(l -> result(n, emitted, l, true))
                    : Future.succeededFuture(result(n, emitted, List.of(), false)))
        .eventually(() -> delete(ns));
  }

  private static List<JsonObject> sources(List<SignalStreams.Entry> all) {
    return all.stream()
        .filter(e -> e.event() != null)
        .filter(
            e ->
                EventTypes.TICKET_OPENED.equals(e.type())
                    || EventTypes.TICKET_STATUS.equals(e.type()))
        .sorted(
            Comparator.comparing(
                    (SignalStreams.Entry e) -> e.event().getString("time", ""),
                    SignalReplay::byInstant)
                .thenComparingInt(SignalStreams.Entry::partition)
                .thenComparing(SignalStreams.Entry::id))
        .map(SignalStreams.Entry::event)
        .toList();
  }

  private static int byInstant(String a, String b) {
    return Instant.parse(a).compareTo(Instant.parse(b));
  }

  private static Future<Integer> replay(
      SignalProcessor processor, List<JsonObject> events, List<Signal> out) {
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject e : events) {
      chain =
          chain.compose(
              v ->
                  processor
                      .handle(e)
                      .map(
                          s -> {
                            out.addAll(s);
                            return null;
                          }));
    }
    return chain.map(v -> events.size());
  }

  private Future<List<JsonObject>> live(SignalStreams streams, Instant from) {
    List<SignalStreams.Entry> all = new ArrayList<>();
    return readAll(streams, 0, from.toEpochMilli() + "-0", "+", all)
        .map(
            v ->
                all.stream()
                    .filter(e -> e.event() != null && SignalTypes.ALL.contains(e.type()))
                    .map(SignalStreams.Entry::event)
                    .toList());
  }

  private static Result result(
      int n, List<Signal> emitted, List<JsonObject> live, boolean compared) {
    Set<String> replayed = new TreeSet<>(emitted.stream().map(Signal::id).toList());
    Set<String> seen = new TreeSet<>(live.stream().map(e -> e.getString("id")).toList());
    Set<String> missing = new TreeSet<>(compared ? replayed : Set.of());
    missing.removeAll(seen);
    Set<String> extra = new TreeSet<>(seen);
    extra.removeAll(replayed);
    return new Result(n, List.copyOf(emitted), live, missing, extra);
  }

  private Future<Void> readAll(
      SignalStreams streams, int p, String start, String end, List<SignalStreams.Entry> into) {
    return streams
        .range(p, start, end, PAGE)
        .compose(
            page -> {
              into.addAll(page);
              return page.size() < PAGE
                  ? Future.succeededFuture()
                  : readAll(streams, p, "(" + page.get(page.size() - 1).id(), end, into);
            });
  }

  private Future<Void> delete(SignalKeys ns) {
    Future<Void> chain = sender.apply(Request.cmd(Command.DEL).arg(ns.output())).mapEmpty();
    for (String key : ns.state()) {
      chain = chain.compose(v -> sender.apply(Request.cmd(Command.DEL).arg(key)).mapEmpty());
    }
    return chain;
  }
}
