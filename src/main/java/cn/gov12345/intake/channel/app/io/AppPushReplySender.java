package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.config.AppPushConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.delivery.AttemptOutcome;
import cn.gov12345.intake.outbound.ExchangeException;
import cn.gov12345.intake.outbound.HttpExchange;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplySender;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code app_push}: the reply handed to the app backend's push webhook ({@link AppPushConfig}),
 * which owns the JPush / vendor push channels. One POST of {@code {"replyId", "ticketId",
 * "trackingNumber", "appUser", "kind", "text", "urgent"}} ({@code application/json}), signed as
 * Standard Webhooks (https://www.standardwebhooks.com/, the spec at
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * {@code webhook-id} = the reply id (the same on every attempt, so the backend deduplicates),
 * {@code webhook-timestamp}, {@code webhook-signature} with one {@code v1} signature per secret.
 *
 * <p>Outcomes: 2xx → {@code SENT} (vendor message id = the answer's JSON {@code id}, if any); 404
 * and 410 (the backend knows no such user or no device) → {@code NEXT}; 429 and 503 → {@code RETRY}
 * after the {@code Retry-After}; other 5xx → {@code RETRY}; other 3xx/4xx → {@code NEXT}; a
 * connection that could not be made → {@code RETRY}; a time-out after the request was written →
 * {@code UNKNOWN} (the backend may have pushed it).
 */
public final class AppPushReplySender implements ReplySender {

  public static final String KIND = "app_push";
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private final HttpExchange http;
  private final AppPushConfig config;
  private final List<HmacKey> keys;
  private final Clock clock;

  public AppPushReplySender(HttpExchange http, AppPushConfig config, Clock clock) {
    this.http = http;
    this.config = config;
    this.keys =
        config.secrets().stream().map(WebhookSourceConfig::keyOf).map(HmacKey::new).toList();
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean canReach(OutboundMessage message) {
    return message.address().appUser() != null && config.enabled();
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    if (!canReach(message)) {
      return Future.succeededFuture(SendOutcome.next("", "no_route: no app user or no webhook"));
    }
    Buffer body = body(message).toBuffer();
    long timestamp = clock.millis() / 1000;
    byte[] bytes = body.getBytes();
    String signatures =
        keys.stream()
            .map(key -> StandardWebhooks.sign(key, message.replyId(), timestamp, bytes))
            .collect(Collectors.joining(" "));
    Map<String, String> headers =
        Map.of(
            "Content-Type",
            CONTENT_TYPE,
            "User-Agent",
            "12345-intake-gateway",
            StandardWebhooks.HEADER_ID,
            message.replyId(),
            StandardWebhooks.HEADER_TIMESTAMP,
            Long.toString(timestamp),
            StandardWebhooks.HEADER_SIGNATURE,
            signatures);
    return http.post(config.url(), headers, body, config.requestTimeout().toMillis())
        .map(this::outcome)
        .otherwise(AppPushReplySender::failure);
  }

  static JsonObject body(OutboundMessage m) {
    return new JsonObject()
        .put("replyId", m.replyId())
        .put("ticketId", m.ticketId())
        .put("trackingNumber", m.trackingNumber())
        .put("appUser", m.address().appUser())
        .put("kind", m.kind())
        .put("text", m.text())
        .put("urgent", m.urgent());
  }

  private SendOutcome outcome(HttpExchange.Answer answer) {
    int status = answer.status();
    String code = Integer.toString(status);
    if (answer.ok()) {
      return SendOutcome.sent(idOf(answer.body()));
    }
    if (status == 429 || status == 503) {
      long after =
          AttemptOutcome.ofStatus(status, answer.header("Retry-After"), clock).retryAfterMillis();
      return SendOutcome.retry(code, after, "HTTP " + status);
    }
    if (status >= 500) {
      return SendOutcome.retry(code, -1, "HTTP " + status);
    }
    String why = status == 404 || status == 410 ? "app backend: no such user or device" : "refused";
    return SendOutcome.next(code, "HTTP " + status + " " + why);
  }

  private static String idOf(Buffer body) {
    try {
      Object id = body.length() == 0 ? null : body.toJsonObject().getValue("id");
      return id instanceof String || id instanceof Number ? id.toString() : "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static SendOutcome failure(Throwable e) {
    if (e instanceof ExchangeException x && x.nothingSent()) {
      return SendOutcome.retry("", -1, "unreachable: " + x.getMessage());
    }
    return SendOutcome.unknown("no_answer: the app backend may have pushed it");
  }
}
