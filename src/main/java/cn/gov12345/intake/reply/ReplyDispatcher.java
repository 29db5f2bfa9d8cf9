package cn.gov12345.intake.reply;

import cn.gov12345.intake.config.RepliesConfig;
import cn.gov12345.intake.delivery.AttemptOutcome;
import cn.gov12345.intake.delivery.AttemptSender;
import cn.gov12345.intake.delivery.Destination;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.pipeline.Ids;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The sender of the built-in {@code replies} delivery destination: the delivery machinery (consumer
 * group per partition, retry schedule, breaker, dead letters, admin API) reads the tickets streams
 * and hands each entry here.
 *
 * <ul>
 *   <li>{@code reply.requested.v1}: sent through the chain ({@link ReplyChain});
 *   <li>{@code ticket.opened.v1} of a channel listed in {@code replies.receipts}: a receipt is
 *       requested ({@code reply.requested.v1}, template {@code receipt});
 *   <li>{@code ticket.status.v1} of a status with {@code replies.notifications} on: a notification
 *       is requested (template = the status, the department and the answer as values).
 * </ul>
 *
 * An automatic request is deduplicated by the id of the event that caused it, so a redelivered
 * event requests nothing twice.
 */
public final class ReplyDispatcher implements AttemptSender {

  private final RepliesConfig config;
  private final ReplyChain chain;
  private final RedisReplyStore store;
  private final Ids ids;
  private final Clock clock;

  public ReplyDispatcher(
      RepliesConfig config, ReplyChain chain, RedisReplyStore store, Ids ids, Clock clock) {
    this.config = config;
    this.chain = chain;
    this.store = store;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public Future<AttemptOutcome> send(Destination d, String eventId, Buffer body) {
    JsonObject event;
    try {
      event = new JsonObject(body);
    } catch (RuntimeException e) {
      return done();
    }
    String type = event.getString("type", "");
    JsonObject data = event.getJsonObject("data", new JsonObject());
    Future<AttemptOutcome> outcome =
        switch (type) {
          case EventTypes.REPLY_REQUESTED -> chain.deliver(ReplyEvents.request(body.getBytes()));
          case EventTypes.TICKET_OPENED -> receipt(eventId, data);
          case EventTypes.TICKET_STATUS ->
              notification(eventId, data).compose(v -> survey(eventId, data));
          default -> done();
        };
    return outcome.otherwise(AttemptOutcome::ofFailure);
  }

  private Future<AttemptOutcome> receipt(String eventId, JsonObject data) {
    if (!config.receipts().contains(data.getString("channel", ""))) {
      return done();
    }
    return request(eventId, data, "receipt", "receipt", Map.of());
  }

  private Future<AttemptOutcome> notification(String eventId, JsonObject data) {
    String status = data.getString("status", "");
    if (!Boolean.TRUE.equals(config.notifications().get(status))) {
      return done();
    }
    Map<String, String> params = new HashMap<>();
    put(params, "department", data.getString("department"));
    put(params, "status", status);
    String answer = data.getString("reply");
    put(params, "text", answer != null ? answer : data.getString("note"));
    String kind = answer != null ? "answer" : "progress";
    return request(eventId, data, kind, status, params);
  }

  /**
   * 已办结: the 回访 survey, once per ticket (its dedup key is the ticket, so a second 已办结 report after
   * a reopen does not survey again), sent {@code replies.survey.delay} after the report.
   */
  private Future<AttemptOutcome> survey(String eventId, JsonObject data) {
    if (!config.survey().enabled() || !"closed".equals(data.getString("status"))) {
      return done();
    }
    Instant closed = clock.instant();
    try {
      closed = Instant.parse(data.getString("recordedAt", closed.toString()));
    } catch (DateTimeParseException e) {
      // the recording time of a status event is always an instant; keep now otherwise
    }
    String notBefore = closed.plus(config.survey().delay()).toString();
    return request(
        eventId,
        data,
        "survey",
        "survey",
        Map.of(),
        "survey:" + data.getString("ticketId"),
        notBefore);
  }

  private Future<AttemptOutcome> request(
      String eventId, JsonObject data, String kind, String template, Map<String, String> params) {
    return request(eventId, data, kind, template, params, "auto:" + eventId, null);
  }

  private Future<AttemptOutcome> request(
      String eventId,
      JsonObject data,
      String kind,
      String template,
      Map<String, String> params,
      String scope,
      String notBefore) {
    String tracking = data.getString("trackingNumber");
    String ticketId = data.getString("ticketId");
    if (tracking == null || ticketId == null) {
      return done();
    }
    String replyId = ids.next();
    ReplyRequest r =
        new ReplyRequest(
            replyId,
            ticketId,
            tracking,
            data.getString("channel"),
            kind,
            null,
            template,
            params,
            false,
            "gateway",
            clock.instant().toString(),
            eventId,
            notBefore);
    return store
        .request(tracking, ticketId, scope, replyId, ReplyEvents.requested(ids.next(), r))
        .map(v -> AttemptOutcome.ofStatus(200, null, clock));
  }

  private static void put(Map<String, String> params, String name, String value) {
    if (value != null) {
      params.put(name, value);
    }
  }

  private static Future<AttemptOutcome> done() {
    return Future.succeededFuture(AttemptOutcome.ofStatus(200, null, null));
  }
}
