package cn.gov12345.intake.log;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A WARN line that repeats while something stays broken (a destination failing, Redis down) logged
 * once, then at most once per interval with the count of the occurrences suppressed in between: an
 * outage costs a line a minute, not one per poll or per request. Keys separate the conditions (per
 * destination, per kind).
 */
public final class RateLimitedLog {

  private final Logger log;
  private final LogLimiter limiter;

  public RateLimitedLog(Logger log, Duration interval) {
    this(log, interval, System::nanoTime);
  }

  /**
   * @param nanoTime the clock ({@code System::nanoTime}; tests pass a movable one)
   */
  public RateLimitedLog(Logger log, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.limiter = new LogLimiter(interval.toNanos(), nanoTime);
  }

  /**
   * Logs at WARN unless a line of {@code key} was logged within the interval. Pass causes as {@code
   * toString()}, not as a Throwable (no stack trace for an expected outage).
   *
   * @return whether the line was logged
   */
  public boolean warn(String key, String format, Object... args) {
    long suppressed = limiter.admit(key);
    if (suppressed < 0) {
      return false;
    }
    if (suppressed == 0) {
      log.warn(format, args);
    } else {
      Object[] all = Arrays.copyOf(args, args.length + 1);
      all[args.length] = suppressed;
      log.warn(format + " ({} more like it since the last line)", all);
    }
    return true;
  }
}
