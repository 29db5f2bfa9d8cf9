package cn.gov12345.intake.wechat;

import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.EventTypes;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pending media downloads in Redis, so they survive restarts and any replica can finish them:
 * {@code {prefix}:{pN}:media:pending}, a sorted set of {@link MediaFetch} JSON scored by due time
 * (ms). A poller claims due members with a lease ({@code media_claim.lua}) and settles each one
 * atomically ({@code media_settle.lua}: remove, then reschedule or append the outcome event).
 */
public final class RedisMediaFetches {

  private static final LuaScript CLAIM = LuaScript.load("media_claim");
  private static final LuaScript SETTLE = LuaScript.load("media_settle");

  private final StreamKeys keys;
  private final Function<Request, Future<Response>> redis;

  public RedisMediaFetches(StreamKeys keys, Function<Request, Future<Response>> redis) {
    this.keys = keys;
    this.redis = redis;
  }

  /** Adds a fetch, due at {@code dueMillis}. */
  public Future<Void> schedule(MediaFetch fetch, long dueMillis) {
    return redis
        .apply(
            Request.cmd(Command.ZADD)
                .arg(keys.mediaFetches(fetch.partition()))
                .arg(dueMillis)
                .arg(fetch.toJson()))
        .mapEmpty();
  }

  /**
   * Claims up to {@code limit} due fetches of a partition for {@code leaseMillis}.
   *
   * @return the claimed members (raw JSON, needed to settle them)
   */
  public Future<List<String>> claim(int partition, long now, long leaseMillis, int limit) {
    return CLAIM
        .run(
            new String[] {keys.mediaFetches(partition)},
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
  public Future<Boolean> retry(String claimed, MediaFetch next, long dueMillis) {
    return settle(next.partition(), claimed, next.toJson(), dueMillis, "", new byte[0]);
  }

  /** Removes a claimed member and appends its outcome to the ticket. */
  public Future<Boolean> finish(int partition, String claimed, byte[] appendedEvent) {
    return settle(partition, claimed, "", 0, EventTypes.TICKET_APPENDED, appendedEvent);
  }

  private Future<Boolean> settle(
      int partition, String claimed, String next, long due, String type, byte[] event) {
    return SETTLE
        .run(
            new String[] {keys.mediaFetches(partition), keys.tickets(partition)},
            r -> r.arg(claimed).arg(next).arg(due).arg(type).arg(event),
            redis)
        .map(r -> r.toInteger() == 1);
  }
}
