package cn.gov12345.intake.delivery;

import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * Sends one attempt as a Standard Webhooks request: the CloudEvent exactly as stored is the body
 * ({@code Content-Type: application/cloudevents+json}), {@code webhook-id} is the event id (the
 * same on every retry, so receivers deduplicate), {@code webhook-timestamp} is the attempt's time,
 * {@code webhook-signature} holds one {@code v1} signature per configured secret. Redirects are not
 * followed (a 3xx is a failed attempt).
 */
public final class WebhookSender implements AttemptSender {

  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

  private final WebClient client;
  private final Clock clock;

  /**
   * @param client a client created with redirects off
   */
  public WebhookSender(WebClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Posts the event. Never fails: a timeout or connection error is an outcome too.
   *
   * @param eventId the CloudEvent id
   */
  @Override
  public Future<AttemptOutcome> send(Destination d, String eventId, Buffer body) {
    long timestamp = clock.millis() / 1000;
    byte[] bytes = body.getBytes();
    String signatures =
        d.keys().stream()
            .map((HmacKey key) -> StandardWebhooks.sign(key, eventId, timestamp, bytes))
            .collect(Collectors.joining(" "));
    return client
        .postAbs(d.config().url())
        .as(BodyCodec.none())
        .followRedirects(false)
        .timeout(d.config().requestTimeout().toMillis())
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader(StandardWebhooks.HEADER_ID, eventId)
        .putHeader(StandardWebhooks.HEADER_TIMESTAMP, Long.toString(timestamp))
        .putHeader(StandardWebhooks.HEADER_SIGNATURE, signatures)
        .putHeader("User-Agent", "12345-intake-gateway")
        .sendBuffer(body)
        .map(r -> AttemptOutcome.ofStatus(r.statusCode(), r.getHeader("Retry-After"), clock))
        .otherwise(AttemptOutcome::ofFailure);
  }
}
