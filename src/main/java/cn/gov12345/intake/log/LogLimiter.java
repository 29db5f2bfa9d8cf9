package cn.gov12345.intake.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Rate-limits a repeated log line: per key, the first occurrence is logged, later ones within
 * {@code intervalNanos} are only counted, and the first one after the interval is logged once with
 * the count of those suppressed. A Redis outage then costs one line per interval, not one per
 * refused request. Thread-safe (public verticles on several event loops share one).
 */
public final class LogLimiter {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param intervalNanos at most one line per key in this interval
   * @param nanoTime the clock ({@code System::nanoTime}; tests pass a movable one)
   */
  public LogLimiter(long intervalNanos, LongSupplier nanoTime) {
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether this occurrence of {@code key} should be logged.
   *
   * @return -1 to stay silent; otherwise how many occurrences were suppressed since the last line
   */
  public long admit(String key) {
    long now = nanoTime.getAsLong();
    Window window = windows.computeIfAbsent(key, k -> new Window(now - intervalNanos));
    synchronized (window) {
      if (now - window.lastLogged < intervalNanos) {
        window.suppressed.incrementAndGet();
        return -1;
      }
      window.lastLogged = now;
      return window.suppressed.getAndSet(0);
    }
  }

  private static final class Window {
    private long lastLogged;
    private final AtomicLong suppressed = new AtomicLong();

    Window(long lastLogged) {
      this.lastLogged = lastLogged;
    }
  }
}
