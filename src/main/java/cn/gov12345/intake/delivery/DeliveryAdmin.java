package cn.gov12345.intake.delivery;

import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the admin API does with a destination's delivery state: describe it (pending, lag, retries
 * scheduled, dead letters), replay dead letters, re-deliver a time range of the tickets stream.
 * Replays and re-deliveries move entries into the retry schedule, due now, with the same atomic
 * script the workers use; the workers then deliver them as usual.
 */
public final class DeliveryAdmin {

  private static final LuaScript STATS = LuaScript.load("delivery_stats");
  private static final int PAGE = 200;

  private final StreamKeys keys;
  private final RedisDeliveryStore store;
  private final Clock clock;
  private final Function<Request, Future<Response>> sender;

  public DeliveryAdmin(StreamKeys keys, Clock clock, Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.store = new RedisDeliveryStore(keys, sender);
    this.clock = clock;
    this.sender = sender;
  }

  /** Name, state and backlog of a destination, summed over the partitions. */
  public Future<JsonObject> describe(Destination d) {
    List<Future<Response>> parts = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      String[] scriptKeys = {
        keys.tickets(p), keys.retrySchedule(p, d.name()), keys.deadLetters(p, d.name())
      };
      parts.add(STATS.run(scriptKeys, r -> r.arg(d.group()), sender));
    }
    return Future.all(parts)
        .map(
            all -> {
              long pending = 0;
              long retries = 0;
              long dead = 0;
              long oldest = Long.MAX_VALUE;
              for (Future<Response> part : parts) {
                Response r = part.result();
                pending += r.get(0).toLong();
                String id = r.get(1).toString();
                if (!id.isEmpty()) {
                  oldest = Math.min(oldest, Long.parseLong(id.substring(0, id.indexOf('-'))));
                }
                retries += r.get(2).toLong();
                dead += r.get(3).toLong();
              }
              long lag = oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest);
              return summary(d)
                  .put("pending", pending)
                  .put("lagMillis", lag)
                  .put("retryScheduled", retries)
                  .put("deadLetters", dead);
            });
  }

  private static JsonObject summary(Destination d) {
    return new JsonObject()
        .put("name", d.name())
        .put("description", d.config().description())
        .put("enabled", d.enabled())
        .put("disabledReason", d.disabledReason())
        .put("breaker", d.breaker().state().name())
        .put("group", d.group());
  }

  /**
   * Moves dead letters back into the retry schedule, due now, with a fresh attempt count.
   *
   * @param eventId only this event's dead letters; null = all
   * @return how many were moved
   */
  public Future<Integer> replay(Destination d, String eventId) {
    long now = clock.millis();
    return eachPartition(
        p ->
            pages(
                keys.deadLetters(p, d.name()),
                "-",
                "+",
                entry -> {
                  Map<String, Response> f = RedisDeliveryStore.fieldsOf(entry);
                  if (f.get("event") == null
                      || (eventId != null && !eventId.equals(String.valueOf(f.get("eventId"))))) {
                    return Future.succeededFuture(false);
                  }
                  DeliveryEntry moved =
                      new DeliveryEntry(
                          p, f.get("entry").toString(), null, f.get("event").toBuffer(), 0, false);
                  return store.settle(
                      d,
                      new RedisDeliveryStore.Settlement(
                          "retry", moved, now, 0, null, entry.get(0).toString(), ""));
                }));
  }

  /**
   * Schedules every ticket the destination takes that was accepted in {@code [fromMillis,
   * toMillis]} for delivery now (again), whether or not it was delivered before.
   *
   * @return how many were scheduled
   */
  public Future<Integer> redeliver(Destination d, long fromMillis, long toMillis) {
    long now = clock.millis();
    return eachPartition(
        p ->
            pages(
                keys.tickets(p),
                Long.toString(fromMillis),
                Long.toString(toMillis),
                entry -> {
                  DeliveryEntry e = RedisDeliveryStore.entries(p, List.of(entry)).get(0);
                  if (!d.route().matches(e.type(), e.json())) {
                    return Future.succeededFuture(false);
                  }
                  DeliveryEntry scheduled =
                      new DeliveryEntry(p, e.id(), e.type(), e.event(), 0, false);
                  return store.settle(
                      d,
                      new RedisDeliveryStore.Settlement("retry", scheduled, now, 0, null, "", ""));
                }));
  }

  private Future<Integer> eachPartition(Function<Integer, Future<Integer>> perPartition) {
    Future<Integer> total = Future.succeededFuture(0);
    for (int p = 0; p < keys.partitions(); p++) {
      int partition = p;
      total = total.compose(n -> perPartition.apply(partition).map(m -> n + m));
    }
    return total;
  }

  /** Runs {@code each} over a stream range, page by page; counts the trues. */
  private Future<Integer> pages(
      String stream, String start, String end, Function<Response, Future<Boolean>> each) {
    Request range =
        Request.cmd(Command.XRANGE).arg(stream).arg(start).arg(end).arg("COUNT").arg(PAGE);
    return sender
        .apply(range)
        .compose(
            r -> {
              if (r == null || r.size() == 0) {
                return Future.succeededFuture(0);
              }
              List<Future<Boolean>> done = new ArrayList<>();
              r.forEach(entry -> done.add(each.apply(entry)));
              String last = r.get(r.size() - 1).get(0).toString();
              return Future.all(done)
                  .compose(
                      all -> {
                        int n = (int) done.stream().filter(Future::result).count();
                        return r.size() < PAGE
                            ? Future.succeededFuture(n)
                            : pages(stream, "(" + last, end, each).map(m -> n + m);
                      });
            });
  }
}
