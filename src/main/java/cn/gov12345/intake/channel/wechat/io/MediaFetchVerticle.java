package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.media.MediaStores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
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

  private final Services services;
  private Redis redis;
  private WebClient web;
  private GuardedFetcher guarded;
  private MediaFetcher fetcher;
  private long timer = -1;
  private boolean polling;

  public MediaFetchVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    WechatChannelConfig config = services.config().channels().wechat();
    redis = Redis.createClient(vertx, services.redis().pooled());
    web = WebClient.create(vertx, new WebClientOptions().setUserAgent("12345-intake-gateway"));
    guarded = new GuardedFetcher(vertx, services.config().outbound(), services.metrics());
    WechatAccessTokens tokens =
        new WechatAccessTokens(
            vertx, web, redis::send, services.config().stream().keyPrefix(), config.accounts());
    fetcher =
        new MediaFetcher(
            new WechatApi(web, guarded, tokens, config),
            MediaStores.create(vertx, services.config()),
            new RedisMediaFetches(services.keys(), redis::send),
            services.events(),
            services.ids(),
            services.clock(),
            config.mediaRetry());
    timer = vertx.setPeriodic(POLL_MS, id -> poll());
    return Future.succeededFuture();
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    Future.join(IntStream.range(0, services.keys().partitions()).mapToObj(fetcher::poll).toList())
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
