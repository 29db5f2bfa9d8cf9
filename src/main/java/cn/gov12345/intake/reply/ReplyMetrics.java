package cn.gov12345.intake.reply;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of replies:
 *
 * <ul>
 *   <li>{@code intake_replies_attempts_total{sender,outcome}} attempts by sender and outcome (sent,
 *       next, retry, unknown)
 *   <li>{@code intake_replies_sent_seconds{sender}} from the request to the vendor's acceptance
 *       (histogram)
 *   <li>{@code intake_replies_receipts_total{delivered}} delivery receipts recorded
 * </ul>
 */
public final class ReplyMetrics {

  private final MeterRegistry registry;
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

  public ReplyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One attempt of {@code sender} came to {@code status}. */
  public void attempt(String sender, SendOutcome.Status status) {
    registry
        .counter(
            "intake.replies.attempts",
            "sender",
            sender,
            "outcome",
            status.name().toLowerCase(Locale.ROOT))
        .increment();
  }

  /** A reply sent by {@code sender}, requested at {@code requestedAt} (RFC 3339). */
  public void sent(String sender, String requestedAt, Instant now) {
    Instant from;
    try {
      from = Instant.parse(requestedAt);
    } catch (DateTimeParseException | NullPointerException e) {
      return;
    }
    latencies
        .computeIfAbsent(
            sender,
            s ->
                Timer.builder("intake.replies.sent")
                    .tag("sender", s)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(Duration.between(from, now));
  }

  /** A delivery receipt recorded. */
  public void receipt(boolean delivered) {
    registry
        .counter("intake.replies.receipts", "delivered", Boolean.toString(delivered))
        .increment();
  }
}
