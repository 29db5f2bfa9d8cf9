package cn.gov12345.intake.reply;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.http.RequestBodies;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.status.Located;
import cn.gov12345.intake.status.StatusAuthenticator;
import cn.gov12345.intake.status.StatusStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/tickets/{ticketId}/replies}: a department answers the citizen (docs/replies.md).
 * Authenticated like status reports (Standard Webhooks signature of a destination, or a pull API
 * key; 401 before anything else), the ticket found (404), the body validated (400), then one {@code
 * reply.requested.v1} event appended with the request's idempotency key (202); the same key again
 * answers 200 with the original reply id and sends nothing more.
 */
public final class ReplyRequestRoutes {

  public static final String PATH = "/v1/tickets/:ticketId/replies";
  static final String NAME = "replies";
  private static final int MAX_BODY = 16 * 1024;
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final StatusAuthenticator authenticator;
  private final StatusStore tickets;
  private final RedisReplyStore replies;
  private final Ids ids;
  private final Clock clock;

  public ReplyRequestRoutes(
      StatusAuthenticator authenticator,
      StatusStore tickets,
      RedisReplyStore replies,
      Ids ids,
      Clock clock) {
    this.authenticator = authenticator;
    this.tickets = tickets;
    this.replies = replies;
    this.ids = ids;
    this.clock = clock;
  }

  /** The route of one event loop, on its Redis connection. */
  public void mount(Router router) {
    RequestBodies.mount(router, PATH, NAME, MAX_BODY, this::request);
  }

  private void request(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    byte[] body = RequestBodies.body(ctx);
    StatusAuthenticator.Authenticated who =
        authenticator.authenticate(StatusAuthenticator.Credentials.of(request), body);
    String ticketId = ctx.pathParam("ticketId");
    if (!UUID.matcher(ticketId).matches()) {
      throw unknownTicket();
    }
    ReplyBody reply = ReplyBody.parse(body, ticketId, who.reporter().signed());
    tickets
        .locate(ticketId)
        .compose(
            t ->
                t == null
                    ? Future.<JsonObject>failedFuture(unknownTicket())
                    : append(t, reply, who).map(r -> answer(t, r)))
        .onSuccess(
            answer ->
                ctx.response()
                    .setStatusCode(answer.getString("result").equals("duplicate") ? 200 : 202)
                    .putHeader("Content-Type", "application/json")
                    .end(answer.encode()))
        .onFailure(ctx::fail);
  }

  private Future<RedisReplyStore.RequestResult> append(
      Located t, ReplyBody reply, StatusAuthenticator.Authenticated who) {
    String replyId = ids.next();
    ReplyRequest r =
        new ReplyRequest(
            replyId,
            t.ticketId(),
            t.trackingNumber(),
            t.channel(),
            reply.kind(),
            reply.text(),
            null,
            Map.of(),
            reply.urgent(),
            who.reporter().name(),
            clock.instant().toString(),
            null,
            null);
    // the key space of a requester is per ticket: the same key on another ticket is another reply
    String scope = "api:" + who.reporter().source() + ":" + t.ticketId() + ":" + who.dedupKey();
    return replies.request(
        t.trackingNumber(), t.ticketId(), scope, replyId, ReplyEvents.requested(ids.next(), r));
  }

  private static JsonObject answer(Located t, RedisReplyStore.RequestResult r) {
    if (r.result() == RedisReplyStore.Requested.UNKNOWN_TICKET) {
      throw unknownTicket();
    }
    return new JsonObject()
        .put("ticketId", t.ticketId())
        .put("trackingNumber", t.trackingNumber())
        .put("replyId", r.replyId())
        .put(
            "result",
            r.result() == RedisReplyStore.Requested.DUPLICATE ? "duplicate" : "requested");
  }

  private static ChannelException unknownTicket() {
    return new ChannelException(ErrorCode.UNKNOWN_TICKET, "No ticket has this id.");
  }
}
