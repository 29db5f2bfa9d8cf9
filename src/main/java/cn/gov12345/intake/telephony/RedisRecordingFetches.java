package cn.gov12345.intake.telephony;

import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.EventTypes;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pending recording downloads in Redis ({@code {prefix}:{pN}:calls:recordings}, scheduled by {@code
 * call.lua}), worked with the same lease and settle scripts as WeChat media: {@code
 * media_claim.lua} claims due members for a lease, {@code media_settle.lua} removes one and either
 * re-adds its next attempt or appends its outcome to the ticket, atomically.
 */
public final class RedisRecordingFetches {

  private static final LuaScript CLAIM = LuaScript.load("media_claim");
  private static final LuaScript SETTLE = LuaScript.load("media_settle");

  private final TelephonyKeys keys;
  private final Function<Request, Future<Response>> redis;

  public RedisRecordingFetches(TelephonyKeys keys, Function<Request, Future<Response>> redis) {
    this.keys = keys;
    this.redis = redis;
  }

  /** Claims up to {@code limit} due downloads of a partition for {@code leaseMillis}. */
  public Future<List<String>> claim(int partition, long now, long leaseMillis, int limit) {
    return CLAIM
        .run(
            new String[] {keys.recordings(partition)},
            r -> r.arg(now).arg(leaseMillis).arg(limit),
            redis)
        .map(
            r -> {
              List<String> out = new ArrayList<>(r.size());
              r.forEach(member -> out.add(member.toString()));
              return out;
            });
  }

  /** Removes a claimed member and schedules {@code next} at {@code dueMillis}. */
  public Future<Boolean> retry(String claimed, RecordingFetch next, long dueMillis) {
    return settle(next.partition(), claimed, next.toJson(), dueMillis, "", new byte[0]);
  }

  /** Removes a claimed member and appends its outcome to the ticket (nothing when empty). */
  public Future<Boolean> finish(int partition, String claimed, byte[] appendedEvent) {
    String type = appendedEvent.length == 0 ? "" : EventTypes.TICKET_APPENDED;
    return settle(partition, claimed, "", 0, type, appendedEvent);
  }

  private Future<Boolean> settle(
      int partition, String claimed, String next, long due, String type, byte[] event) {
    return SETTLE
        .run(
            new String[] {keys.recordings(partition), keys.streams().tickets(partition)},
            r -> r.arg(claimed).arg(next).arg(due).arg(type).arg(event),
            redis)
        .map(r -> r.toInteger() == 1);
  }
}
