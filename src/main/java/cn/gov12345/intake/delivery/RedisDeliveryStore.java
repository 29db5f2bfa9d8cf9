package cn.gov12345.intake.delivery;

import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.ConsumerGroups;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The delivery state in Redis, as the workers use it: one consumer group per destination on every
 * partition's tickets stream (new entries, reclaim of entries a dead worker held), the retry
 * schedule (a sorted set of entry ids by due time plus a hash of their events and attempt records)
 * and the dead-letter stream. Every move between them is one atomic script ({@code
 * delivery_settle.lua}), so an entry is never in none of them.
 */
public final class RedisDeliveryStore {

  static final LuaScript SETTLE = LuaScript.load("delivery_settle");
  private static final LuaScript TAKE = LuaScript.load("delivery_take");

  private final StreamKeys keys;
  private final Function<Request, Future<Response>> sender;

  /**
   * @param sender sends one command (a pooled client: these are background commands)
   */
  public RedisDeliveryStore(StreamKeys keys, Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.sender = sender;
  }

  /**
   * Creates the destination's consumer group on every partition, starting at {@code startId} (the
   * gateway's start time: a new destination gets the tickets accepted from then on, never the
   * history; an existing group keeps its position).
   */
  public Future<Void> createGroups(Destination d, String startId) {
    return ConsumerGroups.create(keys, d.group(), startId, sender);
  }

  /** Reads up to {@code count} new entries for the destination without blocking. */
  public Future<List<DeliveryEntry>> readNew(Destination d, int p, String consumer, int count) {
    String stream = keys.tickets(p);
    return sender
        .apply(ConsumerGroups.readNew(stream, d.group(), consumer, count))
        .map(r -> r == null ? List.of() : entries(p, r.get(stream)));
  }

  /** Entries another worker of the group held longer than {@code minIdleMillis}. */
  public record Reclaimed(String cursor, List<DeliveryEntry> entries) {}

  /** Takes over entries idle longer than {@code minIdleMillis} (XAUTOCLAIM from a cursor). */
  public Future<Reclaimed> reclaim(
      Destination d, int p, String consumer, long minIdleMillis, String cursor, int count) {
    Request claim =
        ConsumerGroups.reclaim(keys.tickets(p), d.group(), consumer, minIdleMillis, cursor, count);
    return sender.apply(claim).map(r -> new Reclaimed(r.get(0).toString(), entries(p, r.get(1))));
  }

  /** Takes (and leases until {@code leaseUntil}) up to {@code count} retries that are due. */
  public Future<List<DeliveryEntry>> takeDue(
      Destination d, int p, long now, long leaseUntil, int count) {
    String[] scriptKeys = {keys.retrySchedule(p, d.name()), keys.retryData(p, d.name())};
    return TAKE.run(scriptKeys, r -> r.arg(now).arg(leaseUntil).arg(count), sender)
        .map(
            r -> {
              List<DeliveryEntry> out = new ArrayList<>();
              for (int i = 0; i + 2 < r.size(); i += 3) {
                String meta = r.get(i + 2).toString();
                int attempts = Integer.parseInt(meta.substring(0, meta.indexOf('|')));
                out.add(
                    new DeliveryEntry(
                        p, r.get(i).toString(), null, r.get(i + 1).toBuffer(), attempts, false));
              }
              return out;
            });
  }

  /** Acknowledges entries the destination does not take (its route filtered them out). */
  public Future<Void> skip(Destination d, int p, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    Request ack = Request.cmd(Command.XACK).arg(keys.tickets(p)).arg(d.group());
    ids.forEach(ack::arg);
    return sender.apply(ack).mapEmpty();
  }

  /** The destination answered 2xx: the entry is done. */
  public Future<Boolean> done(Destination d, DeliveryEntry e) {
    return settle(d, new Settlement("done", e, 0, e.attempts() + 1, null, "", ""));
  }

  /** The attempt failed: the entry moves into (or stays in) the retry schedule. */
  public Future<Boolean> retry(Destination d, DeliveryEntry e, long due, AttemptOutcome last) {
    return settle(d, new Settlement("retry", e, due, e.attempts() + 1, last, "", ""));
  }

  /** Not due yet: the entry waits in the retry schedule without using an attempt. */
  public Future<Boolean> defer(Destination d, DeliveryEntry e, long due, AttemptOutcome last) {
    return settle(d, new Settlement("retry", e, due, e.attempts(), last, "", ""));
  }

  /** The last attempt failed: the entry moves to the dead-letter stream. */
  public Future<Boolean> dead(Destination d, DeliveryEntry e, AttemptOutcome last, String eventId) {
    return settle(d, new Settlement("dead", e, 0, e.attempts() + 1, last, "", eventId));
  }

  /** One move of the settle script. */
  record Settlement(
      String mode,
      DeliveryEntry entry,
      long due,
      int attempts,
      AttemptOutcome last,
      String deadLetterId,
      String eventId) {}

  /** Runs one move; true when it happened (false: another worker settled the entry first). */
  Future<Boolean> settle(Destination d, Settlement s) {
    DeliveryEntry e = s.entry();
    int p = e.partition();
    String[] scriptKeys = {
      keys.tickets(p),
      keys.retrySchedule(p, d.name()),
      keys.retryData(p, d.name()),
      keys.deadLetters(p, d.name())
    };
    return SETTLE
        .run(
            scriptKeys,
            r ->
                r.arg(s.mode())
                    .arg(e.id())
                    .arg(e.held() ? d.group() : "")
                    .arg(s.due())
                    .arg(s.mode().equals("done") ? Buffer.buffer() : e.event())
                    .arg(s.attempts())
                    .arg(s.last() == null ? 0 : s.last().status())
                    .arg(s.last() == null ? "" : s.last().error())
                    .arg(s.deadLetterId())
                    .arg(s.eventId()),
            sender)
        .map(r -> r.toInteger() == 1);
  }

  /** Stream entries ({@code [id, [field, value, …]]}) as delivery entries. */
  static List<DeliveryEntry> entries(int p, Iterable<Response> list) {
    List<DeliveryEntry> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (Response entry : list) {
      Map<String, Response> fields = fieldsOf(entry);
      Response type = fields.get("type");
      Response event = fields.get("event");
      out.add(
          new DeliveryEntry(
              p,
              entry.get(0).toString(),
              type == null ? null : type.toString(),
              event == null ? null : event.toBuffer(),
              0,
              true));
    }
    return out;
  }

  /** The fields of one stream entry by name (empty for an entry deleted meanwhile). */
  static Map<String, Response> fieldsOf(Response entry) {
    Map<String, Response> out = new HashMap<>();
    Response fields = entry.get(1);
    for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
      out.put(fields.get(i).toString(), fields.get(i + 1));
    }
    return out;
  }
}
