package cn.gov12345.intake.delivery;

import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a destination's dead letters for the admin API and the ops page: the newest first, over
 * every partition ({@link #list}), and one of them with its event ({@link #inspect}). A dead letter
 * is named by its partition and its id in that partition's dead-letter stream; replaying goes
 * through {@link DeliveryAdmin#replay} by event id.
 */
public final class DeadLetters {

  /** At most this many dead letters in one listing. */
  public static final int MAX_LIST = 200;

  private final StreamKeys keys;
  private final Function<Request, Future<Response>> sender;

  public DeadLetters(StreamKeys keys, Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.sender = sender;
  }

  /** How many partitions (dead-letter streams per destination) there are. */
  public int partitions() {
    return keys.partitions();
  }

  /**
   * The newest {@code count} dead letters of the destination, without their events.
   *
   * @return {@code {"destination", "deadLetters": [{partition, id, deadAt, entry, eventId, type,
   *     attempts, status, error}]}}; fails when Redis does not answer
   */
  public Future<JsonObject> list(Destination d, int count) {
    int n = Math.max(1, Math.min(count, MAX_LIST));
    List<Future<List<JsonObject>>> parts = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      int partition = p;
      Request newest =
          Request.cmd(Command.XREVRANGE)
              .arg(keys.deadLetters(p, d.name()))
              .arg("+")
              .arg("-")
              .arg("COUNT")
              .arg(n);
      parts.add(sender.apply(newest).map(r -> entries(partition, r)));
    }
    return Future.all(parts)
        .map(
            all -> {
              List<JsonObject> merged = new ArrayList<>();
              parts.forEach(f -> merged.addAll(f.result()));
              merged.sort(
                  Comparator.comparingLong((JsonObject j) -> j.getLong("deadAt")).reversed());
              return new JsonObject()
                  .put("destination", d.name())
                  .put(
                      "deadLetters",
                      new JsonArray(List.copyOf(merged.subList(0, Math.min(n, merged.size())))));
            });
  }

  /**
   * One dead letter with its event (as JSON when it parses, else as text).
   *
   * @return null when there is no such dead letter (replayed meanwhile, or never there)
   */
  public Future<JsonObject> inspect(Destination d, int partition, String id) {
    Request one =
        Request.cmd(Command.XRANGE)
            .arg(keys.deadLetters(partition, d.name()))
            .arg(id)
            .arg(id)
            .arg("COUNT")
            .arg(1);
    return sender
        .apply(one)
        .map(
            r -> {
              if (r == null || r.size() == 0) {
                return null;
              }
              Map<String, Response> f = RedisDeliveryStore.fieldsOf(r.get(0));
              JsonObject summary = summary(partition, r.get(0), f);
              String event = text(f, "event");
              try {
                return summary.put("event", new JsonObject(event));
              } catch (RuntimeException e) {
                return summary.put("eventText", event);
              }
            });
  }

  private static List<JsonObject> entries(int partition, Response r) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; r != null && i < r.size(); i++) {
      out.add(summary(partition, r.get(i), RedisDeliveryStore.fieldsOf(r.get(i))));
    }
    return out;
  }

  private static JsonObject summary(int partition, Response entry, Map<String, Response> f) {
    String id = entry.get(0).toString();
    return new JsonObject()
        .put("partition", partition)
        .put("id", id)
        .put("deadAt", Long.parseLong(id.substring(0, id.indexOf('-'))))
        .put("entry", text(f, "entry"))
        .put("eventId", text(f, "eventId"))
        .put("type", typeOf(text(f, "event")))
        .put("attempts", text(f, "attempts"))
        .put("status", text(f, "status"))
        .put("error", text(f, "error"));
  }

  private static String typeOf(String event) {
    try {
      return new JsonObject(event).getString("type", "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String text(Map<String, Response> f, String name) {
    Response value = f.get(name);
    return value == null ? "" : value.toString();
  }
}
