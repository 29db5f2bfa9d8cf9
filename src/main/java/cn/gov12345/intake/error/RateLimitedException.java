package cn.gov12345.intake.error;

import java.time.Duration;

/**
 * Too many requests from one subject (an IP address, a tracking number) in a window: 429 {@code
 * rate_limited} with {@code Retry-After} (whole seconds, rounded up).
 */
public final class RateLimitedException extends IntakeException {

  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public RateLimitedException(String message, Duration retryAfter) {
    super(ErrorCode.RATE_LIMITED, message, null);
    this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  /** Seconds until the exhausted window ends (at least 1). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
