package cn.gov12345.intake.http;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.delivery.DeadLetters;
import cn.gov12345.intake.delivery.Deliveries;
import cn.gov12345.intake.delivery.DeliveryAdmin;
import cn.gov12345.intake.delivery.DeliverySampler;
import cn.gov12345.intake.delivery.DestinationStates;
import cn.gov12345.intake.log.RateLimitedLog;
import cn.gov12345.intake.media.DiskReserve;
import cn.gov12345.intake.metrics.ChannelRates;
import cn.gov12345.intake.metrics.DeliveryGauges;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.stream.StreamTrimmer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port: {@code /health/live} (the process answers), {@code /health/ready} (Redis
 * answers PING; false while it is unreachable, so k8s stops routing traffic here, and from the
 * start of a shutdown's drain on: {@link Drain}), {@code /metrics} (Prometheus), the delivery admin
 * API ({@link DeliveryAdminRoutes}) and the ops page ({@link OpsRoutes}). Also runs the stream
 * trimmer and, with destinations, the delivery gauges' sampler ({@link DeliverySampler}, every
 * {@code delivery.gaugeInterval}). The gateway deploys it on a Vert.x instance of its own (one
 * event loop, its own acceptor) with its own connection cap, so a flood of the public port cannot
 * starve the probes.
 */
public final class ManagementVerticle extends VerticleBase {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  public static final String METRICS_PATH = "/metrics";

  private static final Logger LOG = LoggerFactory.getLogger(ManagementVerticle.class);
  private static final long PING_TIMEOUT_MS = 1000;
  private static final long WATCH_MILLIS = 5000;
  private static final long RATE_WINDOW_MILLIS = 5 * 60_000;

  private final GatewayConfig gateway;
  private final StreamKeys streams;
  private final RedisOptions pooled;
  private final Deliveries deliveries;
  private final Clock clock;
  private final IntakeMetrics metrics;
  private final int port;
  private final ConnectionGuard connections;
  private final Drain drain;
  private Redis redis;
  private ConnectionSweep sweep;
  private HttpServer server;
  private long trimTimer = -1;
  private long gaugeTimer = -1;
  private long watchTimer = -1;
  private long ratesTimer = -1;
  private volatile DeliveryGauges gauges;

  /**
   * The management port's listener.
   *
   * @param port the resolved port
   * @param connections its deadlines and cap (its own, not the public port's)
   * @param drain once begun, readiness answers 503 whatever Redis says
   */
  public record Listener(int port, ConnectionGuard connections, Drain drain) {}

  public ManagementVerticle(
      GatewayConfig gateway,
      StreamKeys streams,
      RedisOptions pooled,
      Deliveries deliveries,
      Clock clock,
      IntakeMetrics metrics,
      Listener listener) {
    this.gateway = gateway;
    this.streams = streams;
    this.pooled = pooled;
    this.deliveries = deliveries;
    this.clock = clock;
    this.metrics = metrics;
    this.port = listener.port();
    this.connections = listener.connections();
    this.drain = listener.drain();
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, pooled);
    StreamTrimmer trimmer =
        new StreamTrimmer(streams, gateway.stream().retention(), clock, redis::send);
    trimTimer =
        vertx.setPeriodic(
            gateway.stream().trimInterval().toMillis(),
            id ->
                trimmer
                    .trimOnce()
                    .onSuccess(
                        n -> LOG.debug("[trim] removed {} acknowledged entries past retention", n))
                    .onFailure(err -> LOG.warn("[trim] skipped: {}", err.toString())));
    startSampler();
    RedisWatch watch =
        new RedisWatch(
            () ->
                redis
                    .send(Request.cmd(Command.PING))
                    .timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS),
            metrics,
            System::nanoTime);
    watch.check();
    watchTimer = vertx.setPeriodic(WATCH_MILLIS, id -> watch.check());
    DiskReserve disk =
        new DiskReserve(Path.of(gateway.dataDir()), gateway.media().diskReserveBytes());
    metrics.disk(disk::usableBytes, disk.reserveBytes());
    Router router = Router.router(vertx);
    router.get(LIVE_PATH).handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get(READY_PATH).handler(this::ready);
    FailureHandler failures = new FailureHandler(metrics, gateway.redis().retryAfter().toSeconds());
    new DeliveryAdminRoutes(
            deliveries,
            new DeliveryAdmin(streams, clock, redis::send),
            new DeadLetters(streams, redis::send),
            new DestinationStates(streams, deliveries, redis::send),
            clock)
        .mount(router, failures);
    ChannelRates rates = new ChannelRates(metrics.registry(), clock::millis, RATE_WINDOW_MILLIS);
    rates.sample();
    ratesTimer = vertx.setPeriodic(ChannelRates.SAMPLE_MILLIS, id -> rates.sample());
    new OpsRoutes(deliveries, rates, () -> gauges, watch::health, clock)
        .mount(router, gateway.delivery().adminToken(), failures);
    router
        .get(METRICS_PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    OpenApiDocument.mount(router, "admin");
    MountedRoutes.publish(vertx, "management", router);
    server = vertx.createHttpServer(ConnectionGuard.http1Only(new HttpServerOptions()));
    sweep = connections.install(vertx, server, router);
    return server.listen(port, gateway.management().host());
  }

  /** Samples the delivery gauges now and then every {@code delivery.gaugeInterval}. */
  private void startSampler() {
    if (deliveries.isEmpty()) {
      return;
    }
    gauges = new DeliveryGauges(metrics.registry());
    DeliverySampler sampler = new DeliverySampler(streams, deliveries, gauges, clock, redis::send);
    RateLimitedLog failures = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    Runnable sample =
        () ->
            sampler
                .sampleOnce()
                .onFailure(
                    err ->
                        failures.warn(
                            "gauges", "[delivery] gauges not sampled: {}", err.toString()));
    sample.run();
    gaugeTimer =
        vertx.setPeriodic(gateway.delivery().gaugeInterval().toMillis(), id -> sample.run());
  }

  private void ready(RoutingContext ctx) {
    if (drain.draining()) {
      metrics.readiness(false);
      JsonObject down = new JsonObject().put("status", "DOWN");
      json(
          ctx,
          503,
          new JsonObject()
              .put("status", "DOWN")
              .put("checks", new JsonObject().put("drain", down)));
      return;
    }
    redis
        .send(Request.cmd(Command.PING))
        .timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(
            ar -> {
              metrics.readiness(ar.succeeded());
              JsonObject redisCheck =
                  new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN");
              if (ar.failed()) {
                redisCheck.put("error", ar.cause().getClass().getSimpleName());
              }
              JsonObject checks = new JsonObject().put("redis", redisCheck);
              if (!deliveries.isEmpty()) {
                checks.put("delivery", deliveryCheck());
              }
              json(
                  ctx,
                  ar.succeeded() ? 200 : 503,
                  new JsonObject()
                      .put("status", ar.succeeded() ? "UP" : "DOWN")
                      .put("checks", checks));
            });
  }

  /**
   * Disabled destinations are a detail, not a reason to stop routing intake traffic here: the
   * status stays UP while the backlog waits in Redis.
   */
  private JsonObject deliveryCheck() {
    JsonObject disabled = new JsonObject();
    deliveries.all().stream()
        .filter(d -> !d.enabled())
        .forEach(d -> disabled.put(d.name(), d.disabledReason()));
    return new JsonObject().put("status", "UP").put("disabled", disabled);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  @Override
  public Future<?> stop() {
    if (trimTimer >= 0) {
      vertx.cancelTimer(trimTimer);
    }
    if (gaugeTimer >= 0) {
      vertx.cancelTimer(gaugeTimer);
    }
    if (watchTimer >= 0) {
      vertx.cancelTimer(watchTimer);
    }
    if (ratesTimer >= 0) {
      vertx.cancelTimer(ratesTimer);
    }
    if (sweep != null) {
      sweep.close();
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
