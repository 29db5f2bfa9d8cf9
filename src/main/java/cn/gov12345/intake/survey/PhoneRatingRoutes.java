package cn.gov12345.intake.survey;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.http.RequestBodies;
import cn.gov12345.intake.status.StatusAuthenticator;
import cn.gov12345.intake.status.StatusStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/tickets/{ticketId}/rating}: the call center records a 回访 made by phone
 * (docs/survey.md) — authenticated like status reports (a destination's signature or a pull API
 * key, with an idempotency key), then the ticket's one rating ({@code via: phone}): 201 when
 * recorded, 200 {@code duplicate} when the ticket already has this very rating (a retry), 409
 * {@code status_conflict} when it has another, 404 for an unknown ticket. Only 201 writes.
 */
public final class PhoneRatingRoutes {

  public static final String PATH = "/v1/tickets/:ticketId/rating";
  private static final int MAX_BODY = 4096;
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final StatusAuthenticator authenticator;
  private final StatusStore tickets;
  private final Ratings ratings;

  public PhoneRatingRoutes(
      StatusAuthenticator authenticator, StatusStore tickets, Ratings ratings) {
    this.authenticator = authenticator;
    this.tickets = tickets;
    this.ratings = ratings;
  }

  public void mount(Router router) {
    RequestBodies.mount(router, PATH, "rating", MAX_BODY, this::rate);
  }

  private void rate(RoutingContext ctx) {
    byte[] body = RequestBodies.body(ctx);
    StatusAuthenticator.Authenticated who =
        authenticator.authenticate(StatusAuthenticator.Credentials.of(ctx.request()), body);
    String ticketId = ctx.pathParam("ticketId");
    if (!UUID.matcher(ticketId).matches()) {
      throw unknown();
    }
    PhoneRating given = PhoneRating.parse(body, ticketId, who.reporter().signed());
    tickets
        .locate(ticketId)
        .compose(
            t ->
                t == null
                    ? Future.<Ratings.Result>failedFuture(unknown())
                    : ratings.rate(
                        t.trackingNumber(),
                        ticketId,
                        given.rating(),
                        given.solved(),
                        given.comment(),
                        "phone"))
        .onSuccess(r -> answer(ctx, ticketId, given, r))
        .onFailure(ctx::fail);
  }

  private static void answer(
      RoutingContext ctx, String ticketId, PhoneRating given, Ratings.Result r) {
    switch (r.state()) {
      case RATED -> send(ctx, 201, ticketId, "rated", r);
      case ALREADY_RATED -> {
        if (r.rating() != given.rating() || !Objects.equals(r.solved(), given.solved())) {
          ctx.fail(
              new ChannelException(
                  ErrorCode.STATUS_CONFLICT, "The ticket was rated before, with another rating."));
          return;
        }
        send(ctx, 200, ticketId, "duplicate", r);
      }
      default -> ctx.fail(unknown());
    }
  }

  private static void send(
      RoutingContext ctx, int status, String ticketId, String result, Ratings.Result r) {
    JsonObject out =
        new JsonObject()
            .put("ticketId", ticketId)
            .put("result", result)
            .put("rating", r.rating().value());
    if (r.solved() != null) {
      out.put("solved", r.solved());
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(out.encode());
  }

  private static ChannelException unknown() {
    return new ChannelException(ErrorCode.UNKNOWN_TICKET, "No ticket has this id.");
  }
}
