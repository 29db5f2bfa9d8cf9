package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.TelephonyChannelConfig;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.media.MediaStores;
import cn.gov12345.intake.media.PendingDownloads;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.redis.PipelinedRedis;
import cn.gov12345.intake.redis.RedisEndpoint;
import cn.gov12345.intake.redis.WriteBarrier;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.stream.TrackingFence;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telephony background work of one replica, on the pooled Redis client (the call steps on one
 * pipelined, fenced connection: they open tickets): every {@code sweepInterval} the calls without
 * an end event past {@code callTimeout} are closed, and every {@link #POLL_MS} the due recording
 * downloads are worked. Replicas share both safely (atomic timeout steps, download leases).
 */
public final class TelephonyVerticle extends VerticleBase {

  static final long POLL_MS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(TelephonyVerticle.class);

  private final GatewayConfig gateway;
  private final StreamKeys streams;
  private final RedisEndpoint redisEndpoint;
  private final TrackingFence fence;
  private final EventFactory events;
  private final Ids ids;
  private final Clock clock;
  private final IntakeMetrics metrics;
  private Redis redis;
  private PipelinedRedis tickets;
  private GuardedFetcher fetcher;
  private long sweepTimer = -1;
  private long pollTimer = -1;
  private boolean sweeping;
  private boolean polling;

  /** Everything by constructor: the wiring ({@code Gateway}) passes the shared parts. */
  public TelephonyVerticle(
      GatewayConfig gateway,
      StreamKeys streams,
      RedisEndpoint redisEndpoint,
      TrackingFence fence,
      EventFactory events,
      Ids ids,
      Clock clock,
      IntakeMetrics metrics) {
    this.gateway = gateway;
    this.streams = streams;
    this.redisEndpoint = redisEndpoint;
    this.fence = fence;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    TelephonyChannelConfig config = gateway.channels().telephony();
    redis = Redis.createClient(vertx, redisEndpoint.pooled());
    fetcher = new GuardedFetcher(vertx, gateway.outbound(), metrics);
    TelephonyKeys keys = new TelephonyKeys(gateway.stream().keyPrefix(), streams);
    // the timeout step opens tickets, so it draws tracking numbers on a fenced connection
    tickets = new PipelinedRedis(vertx, redisEndpoint, fence::prepare);
    RedisCallStore store =
        new RedisCallStore(
            keys,
            WriteBarrier.of(gateway.redis(), tickets),
            events,
            ids,
            clock,
            metrics,
            gateway.stream().dedupTtl(),
            config.callTimeout(),
            config.callbackWindow(),
            gateway.status().retention());
    CallSweeper sweeper = new CallSweeper(keys, store, redis::send, clock);
    RecordingFetcher recordings =
        new RecordingFetcher(
            new RecordingDownloader(fetcher, config),
            MediaStores.create(vertx, gateway),
            new PendingDownloads(keys::recordings, keys.streams()::tickets, redis::send),
            events,
            ids,
            clock,
            config.recordingRetry());
    sweepTimer =
        vertx.setPeriodic(
            config.sweepInterval().toMillis(), id -> sweep(p -> sweeper.sweep(p).mapEmpty()));
    pollTimer = vertx.setPeriodic(POLL_MS, id -> poll(recordings::poll));
    return Future.succeededFuture();
  }

  private void sweep(IntFunction<Future<Void>> each) {
    if (sweeping) {
      return;
    }
    sweeping = true;
    all(each, "sweep").onComplete(ar -> sweeping = false);
  }

  private void poll(IntFunction<Future<Void>> each) {
    if (polling) {
      return;
    }
    polling = true;
    all(each, "recordings").onComplete(ar -> polling = false);
  }

  private Future<?> all(IntFunction<Future<Void>> each, String what) {
    return Future.join(IntStream.range(0, streams.partitions()).mapToObj(each).toList())
        .onFailure(e -> LOG.warn("[telephony] {} failed: {}", what, e.toString()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(pollTimer);
    fetcher.close();
    redis.close();
    return tickets.close();
  }
}
