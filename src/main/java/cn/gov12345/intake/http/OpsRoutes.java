package cn.gov12345.intake.http;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.delivery.Deliveries;
import cn.gov12345.intake.delivery.Destination;
import cn.gov12345.intake.metrics.ChannelRates;
import cn.gov12345.intake.metrics.DeliveryGauges;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The ops page on the management port: {@code GET /ops} (one static page, its script and style
 * under {@code /ops/assets/}, no third-party code, the citizen pages' strict CSP) and the one
 * endpoint it adds to the admin API, {@code GET /admin/ops/overview} (per-channel totals and rates,
 * the delivery gauges of every destination, Redis health). The page itself holds no data: it asks
 * for the admin token, keeps it in {@code sessionStorage} and calls the admin API with {@code
 * Authorization: Bearer} ({@link AdminToken}); the dead-letter list, inspection and replay are the
 * delivery admin API's own endpoints ({@link DeliveryAdminRoutes}).
 */
final class OpsRoutes {

  static final String PAGE = "/ops";
  static final String OVERVIEW = "/admin/ops/overview";

  private final Deliveries deliveries;
  private final ChannelRates rates;
  private final Supplier<DeliveryGauges> gauges;
  private final Supplier<RedisWatch.Health> redis;
  private final Clock clock;

  /**
   * @param gauges the sampled delivery gauges (null inside: no destinations, nothing sampled)
   */
  OpsRoutes(
      Deliveries deliveries,
      ChannelRates rates,
      Supplier<DeliveryGauges> gauges,
      Supplier<RedisWatch.Health> redis,
      Clock clock) {
    this.deliveries = deliveries;
    this.rates = rates;
    this.gauges = gauges;
    this.redis = redis;
    this.clock = clock;
  }

  void mount(Router router, Secret adminToken, FailureHandler failures) {
    router.route(PAGE + "*").handler(new SecurityHeaders());
    router
        .get(PAGE)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .sendFile("opspage/index.html"));
    router
        .get(PAGE + "/assets/*")
        .handler(StaticHandler.create("opspage/assets").setCachingEnabled(false));
    router
        .get(OVERVIEW)
        .handler(new Correlation())
        .handler(new AdminToken(adminToken))
        .handler(this::overview)
        .failureHandler(failures);
  }

  private void overview(RoutingContext ctx) {
    JsonObject body =
        new JsonObject()
            .put("generatedAt", clock.instant().toString())
            .put("channels", channels())
            .put("destinations", destinations())
            .put("redis", redis());
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  private JsonObject channels() {
    ChannelRates.Rates now = rates.now();
    JsonArray list = new JsonArray();
    now.channels()
        .values()
        .forEach(
            r ->
                list.add(
                    new JsonObject()
                        .put("channel", r.channel())
                        .put("accepted", r.accepted())
                        .put("duplicate", r.duplicate())
                        .put("refused", r.refused())
                        .put("acceptedPerMinute", r.acceptedPerMinute())
                        .put("duplicatePerMinute", r.duplicatePerMinute())
                        .put("refusedPerMinute", r.refusedPerMinute())));
    return new JsonObject().put("windowSeconds", now.windowSeconds()).put("list", list);
  }

  private JsonArray destinations() {
    DeliveryGauges sampled = gauges.get();
    JsonArray list = new JsonArray();
    for (Destination d : deliveries.all()) {
      JsonObject one =
          new JsonObject()
              .put("name", d.name())
              .put("enabled", d.enabled())
              .put("breaker", d.breaker().state().name());
      DeliveryGauges.Sample s = sampled == null ? null : sampled.last(d.name());
      if (s != null) {
        one.put("backlog", s.backlog())
            .put("pending", s.pending())
            .put("retryScheduled", s.retryScheduled())
            .put("deadLetters", s.deadLetters())
            .put("oldestUnackedAgeSeconds", s.oldestAgeSeconds());
      }
      list.add(one);
    }
    return list;
  }

  private JsonObject redis() {
    RedisWatch.Health h = redis.get();
    String status = !h.checked() ? "UNKNOWN" : h.up() ? "UP" : "DOWN";
    return new JsonObject()
        .put("status", status)
        .put("pingMillis", h.latencyMillis())
        .put("downForSeconds", h.downForSeconds());
  }
}
