package cn.gov12345.intake.http;

import cn.gov12345.intake.delivery.DeadLetters;
import cn.gov12345.intake.delivery.Deliveries;
import cn.gov12345.intake.delivery.DeliveryAdmin;
import cn.gov12345.intake.delivery.Destination;
import cn.gov12345.intake.delivery.DestinationStates;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.IntakeException;
import cn.gov12345.intake.error.RequestRefusedException;
import cn.gov12345.intake.error.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
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
 *   GET  /admin/delivery/destinations/{name}/dead-letters[?count=50]      newest first
 *   GET  /admin/delivery/destinations/{name}/dead-letters/{partition}/{id} one, with its event
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
  private final DeadLetters deadLetters;

  public DeliveryAdminRoutes(
      Deliveries deliveries,
      DeliveryAdmin admin,
      DeadLetters deadLetters,
      DestinationStates states,
      Clock clock) {
    this.deliveries = deliveries;
    this.admin = admin;
    this.states = states;
    this.clock = clock;
    this.deadLetters = deadLetters;
  }

  public void mount(Router router, FailureHandler failures) {
    router
        .route(BASE + "*")
        .handler(new Correlation())
        .handler(new AdminToken(deliveries.config().adminToken()));
    router.get(BASE).handler(this::list);
    router.get(BASE + "/:name").handler(ctx -> answer(ctx, admin.describe(destination(ctx))));
    router.post(BASE + "/:name/enable").handler(this::enable);
    router.post(BASE + "/:name/disable").handler(this::disable);
    router.get(BASE + "/:name/dead-letters").handler(this::deadLetters);
    router.get(BASE + "/:name/dead-letters/:partition/:id").handler(this::deadLetter);
    router.post(BASE + "/:name/replay").handler(this::replay);
    router.post(BASE + "/:name/redeliver").handler(this::redeliver);
    router.route(BASE + "*").failureHandler(failures);
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

  private void deadLetters(RoutingContext ctx) {
    String count = ctx.request().getParam("count", "50");
    if (!count.matches("[1-9][0-9]{0,2}")) {
      throw new RequestRefusedException(
          ErrorCode.INVALID_REQUEST, "'count' must be a number from 1 to 999.");
    }
    answer(ctx, deadLetters.list(destination(ctx), Integer.parseInt(count)));
  }

  private void deadLetter(RoutingContext ctx) {
    Destination d = destination(ctx);
    String partition = ctx.pathParam("partition");
    String id = ctx.pathParam("id");
    if (!partition.matches("[0-9]{1,4}")
        || Integer.parseInt(partition) >= deadLetters.partitions()
        || !id.matches("[0-9]{1,19}-[0-9]{1,19}")) {
      throw new RequestRefusedException(
          ErrorCode.NOT_FOUND, "No dead letter of that partition and id.");
    }
    answer(
        ctx,
        deadLetters
            .inspect(d, Integer.parseInt(partition), id)
            .map(
                found -> {
                  if (found == null) {
                    throw new RequestRefusedException(
                        ErrorCode.NOT_FOUND,
                        "No such dead letter: replayed meanwhile, or never there.");
                  }
                  return found;
                }));
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
