package cn.gov12345.intake.signals;

import cn.gov12345.intake.stream.ConsumerGroups;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The tickets streams as the signals worker reads them: its consumer group on every partition (new
 * entries, entries a dead worker held, acknowledgements), and plain ranges for a replay. Each call
 * names one partition's stream: one Cluster slot.
 */
final class SignalStreams {

  /** One stream entry: its partition, id, type and event (null when unreadable or trimmed). */
  record Entry(int partition, String id, String type, JsonObject event) {}

  /** A reclaim's next cursor and the entries taken over. */
  record Reclaimed(String cursor, List<Entry> entries) {}

  private final StreamKeys keys;
  private final String group;
  private final Function<Request, Future<Response>> sender;

  SignalStreams(StreamKeys keys, String group, Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.group = group;
    this.sender = sender;
  }

  /** Creates the group on every partition at {@code startId}; an existing group keeps its place. */
  Future<Void> createGroups(String startId) {
    return ConsumerGroups.create(keys, group, startId, sender);
  }

  Future<List<Entry>> readNew(int p, String consumer, int count) {
    String stream = keys.tickets(p);
    return sender
        .apply(ConsumerGroups.readNew(stream, group, consumer, count))
        .map(r -> r == null ? List.of() : entries(p, r.get(stream)));
  }

  Future<Reclaimed> reclaim(int p, String consumer, long minIdleMillis, String cursor, int count) {
    Request claim =
        ConsumerGroups.reclaim(keys.tickets(p), group, consumer, minIdleMillis, cursor, count);
    return sender.apply(claim).map(r -> new Reclaimed(r.get(0).toString(), entries(p, r.get(1))));
  }

  Future<Void> ack(int p, String id) {
    return sender
        .apply(Request.cmd(Command.XACK).arg(keys.tickets(p)).arg(group).arg(id))
        .mapEmpty();
  }

  /** Up to {@code count} entries of a partition from {@code start} (inclusive) to {@code end}. */
  Future<List<Entry>> range(int p, String start, String end, int count) {
    Request range =
        Request.cmd(Command.XRANGE)
            .arg(keys.tickets(p))
            .arg(start)
            .arg(end)
            .arg("COUNT")
            .arg(count);
    return sender.apply(range).map(r -> entries(p, r));
  }

  static List<Entry> entries(int p, Iterable<Response> list) {
    List<Entry> out = new ArrayList<>();
    for (Response entry : list == null ? List.<Response>of() : list) {
      String type = null;
      JsonObject event = null;
      Response fields = entry.get(1);
      for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
        String name = fields.get(i).toString();
        if (name.equals("type")) {
          type = fields.get(i + 1).toString();
        } else if (name.equals("event")) {
          event = json(fields.get(i + 1).toString());
        }
      }
      out.add(new Entry(p, entry.get(0).toString(), type, event));
    }
    return out;
  }

  private static JsonObject json(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      return null;
    }
  }
}
