package cn.gov12345.intake.upload;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.media.MediaSweeper;
import cn.gov12345.intake.metrics.UploadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code media.sweepInterval}: deletes incomplete uploads nobody wrote to within {@code
 * media.uploadExpiry} (state and staged bytes) and completed uploads no submission claimed within
 * {@code media.unclaimedTtl} ({@link MediaSweeper}). Every replica runs one; the Redis scripts make
 * sure each upload is removed by exactly one of them.
 */
public final class UploadSweepVerticle extends VerticleBase {

  static final int BATCH = 100;
  private static final Logger LOG = LoggerFactory.getLogger(UploadSweepVerticle.class);

  private final GatewayConfig config;
  private final RedisOptions pooled;
  private final Clock clock;
  private final MeterRegistry registry;
  private Redis redis;
  private long timer = -1;
  private boolean sweeping;
  private UploadComponents parts;
  private MediaSweeper media;
  private UploadMetrics metrics;

  /**
   * @param pooled the options of the pooled Redis client the sweeps use
   */
  public UploadSweepVerticle(
      GatewayConfig config, RedisOptions pooled, Clock clock, MeterRegistry registry) {
    this.config = config;
    this.pooled = pooled;
    this.clock = clock;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, pooled);
    parts = UploadComponents.create(vertx, config, clock, redis::send);
    media = new MediaSweeper(parts.registry(), parts.store(), clock);
    metrics = new UploadMetrics(registry);
    timer = vertx.setPeriodic(config.media().sweepInterval().toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  /** One round of both sweeps; also what the timer runs. */
  public Future<Integer> sweep() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    return expireIncomplete(clock)
        .compose(n -> media.sweep().map(m -> n + m))
        .onSuccess(metrics::expired)
        .onFailure(e -> LOG.warn("[uploads] sweep failed: {}", e.toString()))
        .onComplete(ar -> sweeping = false);
  }

  private Future<Integer> expireIncomplete(Clock clock) {
    long now = clock.millis();
    return parts.state().due(now, BATCH).compose(ids -> expire(ids, 0, now, 0));
  }

  private Future<Integer> expire(List<String> ids, int i, long now, int removed) {
    if (i == ids.size()) {
      return Future.succeededFuture(removed);
    }
    String id = ids.get(i);
    return parts
        .state()
        .expire(id, now)
        .compose(mine -> mine ? parts.staging().delete(id).map(1) : Future.succeededFuture(0))
        .compose(n -> expire(ids, i + 1, now, removed + n));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return redis.close();
  }
}
