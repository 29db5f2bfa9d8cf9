package cn.gov12345.intake.delivery;

import cn.gov12345.intake.stream.ConsumerGroups;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push delivery: one worker per destination, all on this verticle's event loop, driven by one timer
 * ({@code delivery.pollInterval}); a second timer refreshes which destinations are disabled.
 * Hundreds of destinations cost no thread, no blocked Redis connection and no buffer each: reads
 * are short and non-blocking on the pooled client, and only as many entries are read as attempts
 * can start.
 *
 * <p>On stop, no new entries are read; attempts in flight get {@code http.shutdownGrace} to settle.
 * Whatever has not settled by then stays pending in Redis and is reclaimed by another worker.
 */
public final class DeliveryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryVerticle.class);
  private static final long REFRESH_MILLIS = 1000;

  private final Deliveries deliveries;
  private final StreamKeys keys;
  private final RedisOptions pooled;
  private final Clock clock;
  private final Duration shutdownGrace;
  private final long startedAtMillis;
  private final Map<String, AttemptSenderFactory> builtIn;
  private Redis redis;
  private WebClient web;
  private List<DestinationWorker> workers = List.of();
  private long pollTimer = -1;
  private long refreshTimer = -1;

  /**
   * @param startedAtMillis when the gateway started (wall clock, before it accepted anything): a
   *     destination's new consumer group starts there, so no ticket accepted meanwhile is missed
   */
  public DeliveryVerticle(
      Deliveries deliveries,
      StreamKeys keys,
      RedisOptions pooled,
      Clock clock,
      Duration shutdownGrace,
      long startedAtMillis,
      Map<String, AttemptSenderFactory> builtIn) {
    this.deliveries = deliveries;
    this.keys = keys;
    this.pooled = pooled;
    this.clock = clock;
    this.shutdownGrace = shutdownGrace;
    this.startedAtMillis = startedAtMillis;
    this.builtIn = Map.copyOf(builtIn);
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, pooled);
    int maxConcurrency =
        deliveries.all().stream().mapToInt(d -> d.config().maxConcurrency()).max().orElse(1);
    web =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setUserAgentEnabled(false),
            new PoolOptions().setHttp1MaxSize(maxConcurrency));
    RedisDeliveryStore store = new RedisDeliveryStore(keys, redis::send);
    DestinationStates states = new DestinationStates(keys, deliveries, redis::send);
    String consumer = ConsumerGroups.consumerName();
    DestinationWorker.Tools tools =
        new DestinationWorker.Tools(
            store,
            states,
            new WebhookSender(web, clock),
            deliveries.metrics(),
            clock,
            consumer,
            startedAtMillis + "-0",
            keys.partitions(),
            deliveries.config().reclaimMargin().toMillis());
    workers = workers(tools);
    Future<Void> ready =
        states
            .refresh()
            .recover(
                err -> {
                  LOG.warn("[startup] delivery state not readable yet: {}", err.toString());
                  return Future.succeededFuture();
                });
    return ready.onSuccess(
        v -> {
          pollTimer =
              vertx.setPeriodic(
                  deliveries.config().pollInterval().toMillis(),
                  id -> workers.forEach(DestinationWorker::tick));
          refreshTimer =
              vertx.setPeriodic(
                  REFRESH_MILLIS,
                  id ->
                      states
                          .refresh()
                          .onFailure(
                              err ->
                                  LOG.debug(
                                      "[delivery] state refresh failed: {}", err.toString())));
          LOG.info(
              "[startup] delivery        {} destination(s), consumer {}", workers.size(), consumer);
        });
  }

  /** One worker per destination; a built-in destination gets its own sender. */
  private List<DestinationWorker> workers(DestinationWorker.Tools tools) {
    Map<String, AttemptSender> special = new HashMap<>();
    builtIn.forEach((name, f) -> special.put(name, f.create(vertx, web, redis::send)));
    return deliveries.all().stream()
        .map(
            d ->
                new DestinationWorker(
                    d, special.containsKey(d.name()) ? with(tools, special.get(d.name())) : tools))
        .toList();
  }

  private static DestinationWorker.Tools with(DestinationWorker.Tools t, AttemptSender sender) {
    return new DestinationWorker.Tools(
        t.store(),
        t.states(),
        sender,
        t.metrics(),
        t.clock(),
        t.consumer(),
        t.groupStart(),
        t.partitions(),
        t.reclaimMarginMillis());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(refreshTimer);
    long grace = shutdownGrace.toMillis();
    return Future.all(workers.stream().map(DestinationWorker::stop).toList())
        .timeout(grace, TimeUnit.MILLISECONDS)
        .recover(
            err -> {
              LOG.warn("[shutdown] deliveries still in flight stay pending for reclaim");
              return Future.succeededFuture();
            })
        .eventually(() -> web == null ? Future.succeededFuture() : closeClients());
  }

  private Future<Void> closeClients() {
    web.close();
    return redis.close();
  }
}
