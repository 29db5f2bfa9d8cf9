package cn.gov12345.intake.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/**
 * What one attempt came to. {@code status} is 0 when no HTTP answer arrived; {@code error} is a
 * short description without personal data (never the response body); {@code retryAfterMillis} is
 * the destination's {@code Retry-After}, or -1.
 */
public record AttemptOutcome(Kind kind, int status, long retryAfterMillis, String error) {

  /** How the worker settles an attempt. */
  public enum Kind {
    /** 2xx: acknowledged, done. */
    DELIVERED,
    /** 410: the destination asked not to be called again; it is disabled. */
    GONE,
    /** 429 or 503: retried, no earlier than its Retry-After when it gave one. */
    THROTTLED,
    /** Anything else (3xx included: redirects are not followed), a timeout, no connection. */
    FAILED,
    /**
     * Not due yet (a built-in sender's own schedule: quiet hours, the survey's delay after 办结, the
     * per-citizen limit): comes back after {@code retryAfterMillis}; not a failure, so it uses no
     * attempt of the retry schedule and does not count for the circuit breaker.
     */
    DEFERRED
  }

  private static final long MAX_RETRY_AFTER_MILLIS = Duration.ofHours(24).toMillis();
  private static final int MAX_ERROR = 200;

  /** Classifies an HTTP answer. */
  public static AttemptOutcome ofStatus(int status, String retryAfter, Clock clock) {
    if (status >= 200 && status < 300) {
      return new AttemptOutcome(Kind.DELIVERED, status, -1, "");
    }
    String error = "HTTP " + status;
    if (status == 410) {
      return new AttemptOutcome(Kind.GONE, status, -1, error);
    }
    if (status == 429 || status == 503) {
      return new AttemptOutcome(Kind.THROTTLED, status, retryAfterMillis(retryAfter, clock), error);
    }
    return new AttemptOutcome(Kind.FAILED, status, -1, error);
  }

  /** Not due yet: the entry comes back after {@code millis} (at most 24 h), no attempt used. */
  public static AttemptOutcome deferred(long millis) {
    return new AttemptOutcome(
        Kind.DEFERRED, 0, Math.min(Math.max(0, millis), MAX_RETRY_AFTER_MILLIS), "not due yet");
  }

  /** An attempt that got no HTTP answer. */
  public static AttemptOutcome ofFailure(Throwable failure) {
    String error =
        failure instanceof TimeoutException
            ? "timeout"
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return new AttemptOutcome(
        Kind.FAILED, 0, -1, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
  }

  /** Whether the destination answered at all and well: what the circuit breaker counts. */
  public boolean isSuccess() {
    return kind == Kind.DELIVERED;
  }

  /** Delay-seconds or an HTTP date, capped at 24 h; -1 when absent or unreadable. */
  public static long retryAfterMillis(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      long millis =
          value.chars().allMatch(Character::isDigit)
              ? (value.length() > 9 ? MAX_RETRY_AFTER_MILLIS : Long.parseLong(value) * 1000)
              : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                      .toInstant()
                      .toEpochMilli()
                  - clock.millis();
      return Math.min(Math.max(0, millis), MAX_RETRY_AFTER_MILLIS);
    } catch (NumberFormatException | DateTimeParseException e) {
      return -1;
    }
  }
}
