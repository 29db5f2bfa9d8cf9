package cn.gov12345.intake.status;

import cn.gov12345.intake.config.StatusConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.http.RequestBodies;
import cn.gov12345.intake.pipeline.Ids;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/tickets/{ticketId}/status}: a downstream system reports progress. Authenticate
 * (401 before anything else), find the ticket (404), validate the report (400), record it with its
 * {@code ticket.status.v1} event in one script (409 when the move is not allowed); a repeated
 * report answers 200 with the original event id. See docs/status.md.
 */
public final class StatusRoutes {

  public static final String PATH = "/v1/tickets/:ticketId/status";
  static final String NAME = "status";

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final StatusAuthenticator authenticator;
  private final StatusStore store;
  private final StatusConfig config;
  private final Ids ids;
  private final Clock clock;

  public StatusRoutes(
      StatusAuthenticator authenticator,
      StatusStore store,
      StatusConfig config,
      Ids ids,
      Clock clock) {
    this.authenticator = authenticator;
    this.store = store;
    this.config = config;
    this.ids = ids;
    this.clock = clock;
  }

  /** The routes of one event loop, on its Redis connection. */
  public void mount(Router router) {
    RequestBodies.mount(router, PATH, NAME, config.maxBodyBytes(), this::update);
  }

  private void update(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    byte[] body = RequestBodies.body(ctx);
    StatusAuthenticator.Authenticated who =
        authenticator.authenticate(StatusAuthenticator.Credentials.of(request), body);
    String ticketId = ctx.pathParam("ticketId");
    if (!UUID.matcher(ticketId).matches()) {
      throw unknownTicket();
    }
    Instant now = clock.instant();
    StatusUpdate update =
        StatusUpdate.parse(body, ticketId, who.reporter().signed(), now, config.tolerance());
    String eventId = ids.next();
    store
        .locate(ticketId)
        .compose(
            ticket ->
                ticket == null
                    ? Future.failedFuture(unknownTicket())
                    : record(ticket, update, who, now, eventId, fingerprint(ticketId, body))
                        .map(o -> answer(ticket, update, o, eventId)))
        .onSuccess(
            answer ->
                ctx.response()
                    .setStatusCode(answer.getString("result").equals("duplicate") ? 200 : 202)
                    .putHeader("Content-Type", "application/json")
                    .end(answer.encode()))
        .onFailure(ctx::fail);
  }

  private Future<StatusStore.Outcome> record(
      Located ticket,
      StatusUpdate update,
      StatusAuthenticator.Authenticated who,
      Instant now,
      String eventId,
      String fingerprint) {
    TicketStatusData data = StatusEvents.data(ticket, update, who.reporter(), now);
    return store.record(
        ticket,
        new StatusStore.Report(
            who.reporter(),
            who.dedupKey(),
            update.status(),
            update.reopen(),
            eventId,
            StatusEvents.event(eventId, data, who.reporter()),
            StatusEvents.historyStep(data, eventId),
            fingerprint));
  }

  /** Base64url SHA-256 of the ticket id and the body bytes, as the report's fingerprint. */
  static String fingerprint(String ticketId, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ticketId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static JsonObject answer(
      Located ticket, StatusUpdate update, StatusStore.Outcome o, String eventId) {
    JsonObject answer =
        new JsonObject()
            .put("ticketId", ticket.ticketId())
            .put("trackingNumber", ticket.trackingNumber());
    return switch (o.result()) {
      case RECORDED ->
          answer
              .put("result", "recorded")
              .put("status", update.status().wire())
              .put("previousStatus", o.value())
              .put("eventId", eventId);
      case DUPLICATE -> answer.put("result", "duplicate").put("eventId", o.value());
      case UNKNOWN_TICKET -> throw unknownTicket();
      case NOT_ALLOWED ->
          throw new ChannelException(
              ErrorCode.STATUS_CONFLICT,
              "The ticket is "
                  + o.value()
                  + "; a report moves it back only with \"reopen\": true.");
      case KEY_REUSED ->
          throw new ChannelException(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              "This idempotency key (webhook-id or Idempotency-Key) came with another report;"
                  + " nothing was recorded. Use a new key for a new report.");
      case HISTORY_FULL ->
          throw new ChannelException(
              ErrorCode.STATUS_CONFLICT, "The ticket's history is full; nothing was recorded.");
    };
  }

  private static ChannelException unknownTicket() {
    return new ChannelException(ErrorCode.UNKNOWN_TICKET, "No ticket has this id.");
  }
}
