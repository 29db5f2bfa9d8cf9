package cn.gov12345.intake.signing;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Verifies one Standard Webhooks request as every signed channel does: the three headers present,
 * {@code webhook-id} 1-128 printable ASCII characters, {@code webhook-timestamp} Unix seconds
 * within the tolerance of now, and a {@code v1} signature over id, timestamp and the exact body
 * bytes by one of the sender's keys (several while rotating).
 */
public final class WebhookVerifier {

  private static final Pattern WEBHOOK_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

  private final long toleranceSeconds;
  private final Clock clock;

  /** What a verified request carried: its {@code webhook-id} and when it was verified. */
  public record Verified(String id, Instant now) {}

  public WebhookVerifier(long toleranceSeconds, Clock clock) {
    this.toleranceSeconds = toleranceSeconds;
    this.clock = clock;
  }

  /**
   * @param id {@code webhook-id} as received (may be null)
   * @param timestamp {@code webhook-timestamp} as received (may be null)
   * @param signature {@code webhook-signature} as received (may be null)
   * @throws ChannelException 400 {@code missing_header}, 401 {@code stale_timestamp} or {@code
   *     invalid_signature}
   */
  public Verified verify(
      List<HmacKey> keys, String id, String timestamp, String signature, byte[] body) {
    String webhookId = required(id, StandardWebhooks.HEADER_ID);
    String at = required(timestamp, StandardWebhooks.HEADER_TIMESTAMP);
    String signatures = required(signature, StandardWebhooks.HEADER_SIGNATURE);
    if (!WEBHOOK_ID.matcher(webhookId).matches()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER, "webhook-id must be 1-128 printable ASCII characters.");
    }
    if (!TIMESTAMP.matcher(at).matches()) {
      throw new ChannelException(
          ErrorCode.STALE_TIMESTAMP, "webhook-timestamp must be Unix time in seconds.");
    }
    long sentAt = Long.parseLong(at);
    Instant now = clock.instant();
    if (Math.abs(now.getEpochSecond() - sentAt) > toleranceSeconds) {
      throw new ChannelException(
          ErrorCode.STALE_TIMESTAMP,
          "webhook-timestamp is more than " + toleranceSeconds + " seconds away from now.");
    }
    if (!StandardWebhooks.verifyAny(keys, webhookId, sentAt, body, signatures)) {
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE, "No webhook-signature matches a secret of this source.");
    }
    return new Verified(webhookId, now);
  }

  private static String required(String value, String header) {
    if (value == null || value.isBlank()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER, "The " + header + " header is required.");
    }
    return value.trim();
  }
}
