package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.media.MediaStores;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.outbound.HttpExchange;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.redis.RedisEndpoint;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads WeChat media in the background: one instance per replica, one timer ({@link #POLL_MS})
 * that claims and works the due fetches of every partition on the pooled Redis client. Replicas
 * share the work through the claim leases; a fetch in flight when the process stops is claimed
 * again once its lease is over.
 */
public final class MediaFetchVerticle extends VerticleBase {

  static final long POLL_MS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(MediaFetchVerticle.class);

  private final GatewayConfig gateway;
  private final StreamKeys streams;
  private final RedisEndpoint redisEndpoint;
  private final EventFactory events;
  private final Ids ids;
  private final Clock clock;
  private final IntakeMetrics metrics;
  private Redis redis;
  private WebClient web;
  private GuardedFetcher guarded;
  private MediaFetcher fetcher;
  private long timer = -1;
  private boolean polling;

  /** Everything by constructor: the wiring ({@code Gateway}) passes the shared parts. */
  public MediaFetchVerticle(
      GatewayConfig gateway,
      StreamKeys streams,
      RedisEndpoint redisEndpoint,
      EventFactory events,
      Ids ids,
      Clock clock,
      IntakeMetrics metrics) {
    this.gateway = gateway;
    this.streams = streams;
    this.redisEndpoint = redisEndpoint;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    WechatChannelConfig config = gateway.channels().wechat();
    redis = Redis.createClient(vertx, redisEndpoint.pooled());
    web = WebClient.create(vertx, new WebClientOptions().setUserAgent("12345-intake-gateway"));
    guarded = new GuardedFetcher(vertx, gateway.outbound(), metrics);
    WechatAccessTokens tokens =
        new WechatAccessTokens(
            vertx, web, redis::send, gateway.stream().keyPrefix(), config.accounts());
    fetcher =
        new MediaFetcher(
            new WechatApi(new HttpExchange(vertx.createHttpClient()), guarded, tokens, config),
            MediaStores.create(vertx, gateway),
            new RedisMediaFetches(streams, redis::send),
            events,
            ids,
            clock,
            config.mediaRetry());
    timer = vertx.setPeriodic(POLL_MS, id -> poll());
    return Future.succeededFuture();
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    Future.join(IntStream.range(0, streams.partitions()).mapToObj(fetcher::poll).toList())
        .onFailure(e -> LOG.warn("[media] poll failed: {}", e.toString()))
        .onComplete(ar -> polling = false);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    web.close();
    guarded.close();
    redis.close();
    return Future.succeededFuture();
  }
}
