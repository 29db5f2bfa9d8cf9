package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.media.PendingDownloads;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Pending media downloads in Redis, so they survive restarts and any replica can finish them:
 * {@code {prefix}:{pN}:media:pending}, a sorted set of {@link MediaFetch} JSON scored by due time
 * (ms), worked through {@link PendingDownloads} (claim with a lease, settle atomically).
 */
public final class RedisMediaFetches {

  private final StreamKeys keys;
  private final Function<Request, Future<Response>> redis;
  private final PendingDownloads pending;

  public RedisMediaFetches(StreamKeys keys, Function<Request, Future<Response>> redis) {
    this.keys = keys;
    this.redis = redis;
    this.pending = new PendingDownloads(keys::mediaFetches, keys::tickets, redis);
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
   * Claims the due fetches of a partition for {@code leaseMillis} and works each one (see {@link
   * PendingDownloads#work}).
   */
  public Future<Void> work(
      int partition,
      long now,
      long leaseMillis,
      int limit,
      BiFunction<String, MediaFetch, Future<Void>> worker) {
    return pending.work(partition, now, leaseMillis, limit, MediaFetch.class, worker);
  }

  /** Removes a claimed member and schedules {@code next} at {@code dueMillis}. */
  public Future<Boolean> retry(String claimed, MediaFetch next, long dueMillis) {
    return pending.retry(next.partition(), claimed, next.toJson(), dueMillis);
  }

  /** Removes a claimed member and appends its outcome to the ticket (nothing when empty). */
  public Future<Boolean> finish(int partition, String claimed, byte[] appendedEvent) {
    return pending.finish(partition, claimed, appendedEvent);
  }
}
