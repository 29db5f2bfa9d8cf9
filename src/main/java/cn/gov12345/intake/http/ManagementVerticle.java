package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.delivery.DeliveryAdmin;
import cn.gov12345.intake.delivery.DestinationStates;
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
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port: {@code /health/live} (the process answers), {@code /health/ready} (Redis
 * answers PING; false while it is unreachable, so k8s stops routing traffic here), {@code /metrics}
 * (Prometheus), and the delivery admin API ({@link DeliveryAdminRoutes}). Also runs the stream
 * trimmer. The gateway deploys it on a Vert.x instance of its own (one event loop, its own
 * acceptor) with its own connection cap, so a flood of the public port cannot starve the probes.
 */
public final class ManagementVerticle extends VerticleBase {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  public static final String METRICS_PATH = "/metrics";

  private static final Logger LOG = LoggerFactory.getLogger(ManagementVerticle.class);
  private static final long PING_TIMEOUT_MS = 1000;

  private final Services services;
  private final int port;
  private final ConnectionGuard connections;
  private Redis redis;
  private ConnectionSweep sweep;
  private HttpServer server;
  private long trimTimer = -1;

  /**
   * @param connections the management port's deadlines and cap (its own, not the public port's)
   */
  public ManagementVerticle(Services services, int port, ConnectionGuard connections) {
    this.services = services;
    this.port = port;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, services.redis().pooled());
    StreamTrimmer trimmer =
        new StreamTrimmer(
            services.keys(), services.config().stream().retention(), services.clock(), redis::send);
    trimTimer =
        vertx.setPeriodic(
            services.config().stream().trimInterval().toMillis(),
            id ->
                trimmer
                    .trimOnce()
                    .onSuccess(
                        n -> LOG.debug("[trim] removed {} acknowledged entries past retention", n))
                    .onFailure(err -> LOG.warn("[trim] skipped: {}", err.toString())));
    Router router = Router.router(vertx);
    router.get(LIVE_PATH).handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get(READY_PATH).handler(this::ready);
    new DeliveryAdminRoutes(
            services.deliveries(),
            new DeliveryAdmin(services.keys(), services.clock(), redis::send),
            new DestinationStates(services.keys(), services.deliveries(), redis::send),
            services.clock())
        .mount(
            router,
            new FailureHandler(
                services.metrics(), services.config().redis().retryAfter().toSeconds()));
    router
        .get(METRICS_PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(services.metrics().scrape()));
    server = vertx.createHttpServer(ConnectionGuard.http1Only(new HttpServerOptions()));
    sweep = connections.install(vertx, server, router);
    return server.listen(port, services.config().management().host());
  }

  private void ready(RoutingContext ctx) {
    redis
        .send(Request.cmd(Command.PING))
        .timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(
            ar -> {
              JsonObject redisCheck =
                  new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN");
              if (ar.failed()) {
                redisCheck.put("error", ar.cause().getClass().getSimpleName());
              }
              JsonObject checks = new JsonObject().put("redis", redisCheck);
              if (!services.deliveries().isEmpty()) {
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
    services.deliveries().all().stream()
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
    if (sweep != null) {
      sweep.close();
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
