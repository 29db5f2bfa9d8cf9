package cn.gov12345.intake.status;

import cn.gov12345.intake.config.DeliveryConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.pull.PullConsumers;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who sent a status report. A push destination signs it the Standard Webhooks way with the secret
 * the gateway signs its deliveries to it with ({@code delivery.destinations.<name>.secrets}); a
 * pull consumer sends its pull API key as {@code Authorization: Bearer}. Either way the report
 * needs an idempotency key: the {@code webhook-id}, or for a bearer request {@code Idempotency-Key}
 * (or {@code webhook-id}).
 */
public final class StatusAuthenticator {

  /** The header of a bearer request's idempotency key. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

  private final Map<String, List<HmacKey>> destinations = new LinkedHashMap<>();
  private final PullConsumers consumers;
  private final long toleranceSeconds;
  private final Clock clock;

  public StatusAuthenticator(
      DeliveryConfig delivery, PullConsumers consumers, Duration tolerance, Clock clock) {
    delivery
        .destinations()
        .forEach(
            (name, d) ->
                destinations.put(
                    name,
                    d.secrets().stream()
                        .map(WebhookSourceConfig::keyOf)
                        .filter(Objects::nonNull)
                        .map(HmacKey::new)
                        .toList()));
    this.consumers = consumers;
    this.toleranceSeconds = tolerance.toSeconds();
    this.clock = clock;
  }

  /** The credentials of one request, as received. */
  public record Credentials(
      String authorization,
      String idempotencyKey,
      String webhookId,
      String webhookTimestamp,
      String webhookSignature) {

    /** The credentials a request carries in its headers. */
    public static Credentials of(io.vertx.core.http.HttpServerRequest request) {
      return new Credentials(
          request.getHeader("Authorization"),
          request.getHeader(IDEMPOTENCY_KEY),
          request.getHeader(StandardWebhooks.HEADER_ID),
          request.getHeader(StandardWebhooks.HEADER_TIMESTAMP),
          request.getHeader(StandardWebhooks.HEADER_SIGNATURE));
    }
  }

  /** An authenticated report: who, and its idempotency key. */
  public record Authenticated(Reporter reporter, String dedupKey) {}

  /**
   * @throws ChannelException 401 {@code unauthorized}, {@code invalid_signature}, {@code
   *     stale_timestamp}, {@code invalid_api_key}; 400 {@code missing_header} without an
   *     idempotency key
   */
  public Authenticated authenticate(Credentials c, byte[] body) {
    if (c.authorization() != null) {
      Reporter reporter = Reporter.consumer(consumers.authenticate(c.authorization()).name());
      String key = c.idempotencyKey() != null ? c.idempotencyKey() : c.webhookId();
      return new Authenticated(reporter, id(key, IDEMPOTENCY_KEY));
    }
    if (c.webhookSignature() == null || c.webhookTimestamp() == null || c.webhookId() == null) {
      throw new ChannelException(
          ErrorCode.UNAUTHORIZED,
          "Sign the report with your destination's webhook secret (webhook-id, webhook-timestamp,"
              + " webhook-signature) or send 'Authorization: Bearer <pull API key>'.");
    }
    String id = id(c.webhookId(), StandardWebhooks.HEADER_ID);
    long sentAt = timestamp(c.webhookTimestamp().trim());
    String found = null;
    for (Map.Entry<String, List<HmacKey>> d : destinations.entrySet()) {
      boolean match =
          StandardWebhooks.verifyAny(d.getValue(), id, sentAt, body, c.webhookSignature());
      if (match && found == null) {
        found = d.getKey();
      }
    }
    if (found == null) {
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE, "No webhook-signature matches a destination's secret.");
    }
    return new Authenticated(Reporter.destination(found), id);
  }

  private long timestamp(String value) {
    if (!TIMESTAMP.matcher(value).matches()) {
      throw new ChannelException(
          ErrorCode.STALE_TIMESTAMP, "webhook-timestamp must be Unix time in seconds.");
    }
    long sentAt = Long.parseLong(value);
    if (Math.abs(clock.instant().getEpochSecond() - sentAt) > toleranceSeconds) {
      throw new ChannelException(
          ErrorCode.STALE_TIMESTAMP,
          "webhook-timestamp is more than " + toleranceSeconds + " seconds away from now.");
    }
    return sentAt;
  }

  private static String id(String value, String header) {
    if (value == null || value.isBlank()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER, "The " + header + " header is required (idempotency).");
    }
    String trimmed = value.trim();
    if (!ID.matcher(trimmed).matches()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER, header + " must be 1-128 printable ASCII characters.");
    }
    return trimmed;
  }
}
