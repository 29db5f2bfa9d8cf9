package cn.gov12345.intake.error;

import java.time.Duration;

/**
 * A sender made more requests than a configured limit allows (429 with {@code Retry-After}).
 * Nothing was written for the refused request.
 */
public final class RateLimitedException extends IntakeException {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(ErrorCode.RATE_LIMITED, message, null);
    this.retryAfter = retryAfter;
  }

  /** When the exhausted limit's window ends (whole seconds, at least 1, when answered). */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The {@code Retry-After} header value: whole seconds, rounded up, at least 1. */
  public long retryAfterSeconds() {
    long seconds = (retryAfter.toMillis() + 999) / 1000;
    return Math.max(1, seconds);
  }
}
