package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * One limit: at most {@code max} hits per fixed {@code window}.
 *
 * @param name the limit's name in keys and metrics (e.g. {@code ip-hour})
 */
public record RateLimit(String name, long max, Duration window) {

  public RateLimit {
    if (max < 1 || window.toMillis() < 1000) {
      throw new IllegalArgumentException("a limit needs max >= 1 and a window of at least 1 s");
    }
  }
}
