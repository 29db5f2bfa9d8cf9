package cn.gov12345.intake.http;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.delivery.Deliveries;
import cn.gov12345.intake.delivery.DeliveryAdmin;
import cn.gov12345.intake.delivery.Destination;
import cn.gov12345.intake.delivery.DestinationStates;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.IntakeException;
import cn.gov12345.intake.error.RequestRefusedException;
import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.signing.BearerToken;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery admin API on the management port, behind {@code Authorization: Bearer
 * <delivery.adminToken>}:
 *
 * <pre>
 *   GET  /admin/delivery/destinations                     every destination with its backlog
 *   GET  /admin/delivery/destinations/{name}              one destination
 *   POST /admin/delivery/destinations/{name}/enable       (again) after a 410 or a disable
 *   POST /admin/delivery/destinations/{name}/disable
 *   POST /admin/delivery/destinations/{name}/replay[?eventId=…]           dead letters → delivery
 *   POST /admin/delivery/destinations/{name}/redeliver?from=…&amp;to=…    RFC 3339 instants
 * </pre>
 *
 * Errors are problem+json through the one {@link FailureHandler}.
 */
public final class DeliveryAdminRoutes {

  public static final String BASE = "/admin/delivery/destinations";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryAdminRoutes.class);
  private final Deliveries deliveries;
  private final DeliveryAdmin admin;
  private final DestinationStates states;
  private final Clock clock;
  private final byte[] token;

  public DeliveryAdminRoutes(
      Deliveries deliveries, DeliveryAdmin admin, DestinationStates states, Clock clock) {
    this.deliveries = deliveries;
    this.admin = admin;
    this.states = states;
    this.clock = clock;
    Secret configured = deliveries.config().adminToken();
    this.token = configured.isBlank() ? null : configured.utf8();
  }

  public void mount(Router router, FailureHandler failures) {
    router.route(BASE + "*").handler(new Correlation()).handler(this::authorize);
    router.get(BASE).handler(this::list);
    router.get(BASE + "/:name").handler(ctx -> answer(ctx, admin.describe(destination(ctx))));
    router.post(BASE + "/:name/enable").handler(this::enable);
    router.post(BASE + "/:name/disable").handler(this::disable);
    router.post(BASE + "/:name/replay").handler(this::replay);
    router.post(BASE + "/:name/redeliver").handler(this::redeliver);
    router.route(BASE + "*").failureHandler(failures);
  }

  private void authorize(RoutingContext ctx) {
    ctx.put(FailureHandler.CHANNEL, "admin");
    if (token == null) {
      throw new RequestRefusedException(
          ErrorCode.UNAUTHORIZED, "The admin API is off: no delivery.adminToken is configured.");
    }
    String header = ctx.request().getHeader("Authorization");
    byte[] given = BearerToken.of(header).orElse("").getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(token, given)) {
      throw new RequestRefusedException(
          ErrorCode.UNAUTHORIZED, "A valid admin bearer token is required.");
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    List<Future<JsonObject>> all = deliveries.all().stream().map(admin::describe).toList();
    answer(
        ctx,
        Future.all(all)
            .map(
                v ->
                    new JsonObject()
                        .put(
                            "destinations",
                            new JsonArray(all.stream().map(f -> (Object) f.result()).toList()))));
  }

  private void enable(RoutingContext ctx) {
    Destination d = destination(ctx);
    LOG.info("[{}] admin: enabling destination {}", Correlation.of(ctx), d.name());
    answer(ctx, states.enable(d).compose(v -> admin.describe(d)));
  }

  private void disable(RoutingContext ctx) {
    Destination d = destination(ctx);
    LOG.info("[{}] admin: disabling destination {}", Correlation.of(ctx), d.name());
    answer(
        ctx,
        states
            .disable(d, "disabled through the admin API at " + clock.instant())
            .compose(v -> admin.describe(d)));
  }

  private void replay(RoutingContext ctx) {
    Destination d = destination(ctx);
    String eventId = ctx.request().getParam("eventId");
    LOG.info("[{}] admin: replaying dead letters of {}", Correlation.of(ctx), d.name());
    answer(ctx, admin.replay(d, eventId).map(n -> new JsonObject().put("replayed", n)));
  }

  private void redeliver(RoutingContext ctx) {
    Destination d = destination(ctx);
    Instant from = instant(ctx, "from");
    Instant to = instant(ctx, "to");
    if (to.isBefore(from)) {
      throw new RequestRefusedException(ErrorCode.INVALID_REQUEST, "'to' is before 'from'.");
    }
    LOG.info("[{}] admin: re-delivering {} from {} to {}", Correlation.of(ctx), d.name(), from, to);
    answer(
        ctx,
        admin
            .redeliver(d, from.toEpochMilli(), to.toEpochMilli())
            .map(n -> new JsonObject().put("scheduled", n)));
  }

  private Destination destination(RoutingContext ctx) {
    Destination d = deliveries.get(ctx.pathParam("name"));
    if (d == null) {
      throw new RequestRefusedException(
          ErrorCode.UNKNOWN_DESTINATION, "No destination of that name is configured.");
    }
    return d;
  }

  private static Instant instant(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    try {
      return Instant.parse(value == null ? "" : value);
    } catch (DateTimeParseException e) {
      throw new RequestRefusedException(
          ErrorCode.INVALID_REQUEST,
          "'" + name + "' must be an RFC 3339 instant such as 2026-01-15T02:30:00Z.");
    }
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> result) {
    result
        .onSuccess(
            body -> ctx.response().putHeader("Content-Type", "application/json").end(body.encode()))
        .onFailure(
            err ->
                ctx.fail(
                    err instanceof IntakeException
                        ? err
                        : new StoreUnavailableException(
                            "The delivery state in Redis could not be read or written.", err)));
  }
}
