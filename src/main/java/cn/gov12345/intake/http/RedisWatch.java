package cn.gov12345.intake.http;

import cn.gov12345.intake.log.LogLimiter;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches whether Redis answers, from the management port (a PING every few seconds, whether or not
 * anything probes readiness): feeds {@code intake_ready} and logs what an operator must see — Redis
 * not answering at start-up (or later) once at WARN, then while it stays down at most one line a
 * minute, and once at INFO when it answers again.
 */
final class RedisWatch {

  private static final Logger LOG = LoggerFactory.getLogger(RedisWatch.class);
  private static final String KEY = "redis";

  private final Supplier<Future<?>> ping;
  private final IntakeMetrics metrics;
  private final LongSupplier nanoTime;
  private final LogLimiter stillDown;
  private boolean first = true;
  private long downSince = -1;
  private volatile Health health = new Health(false, false, 0, 0);

  /** What the last check found, for the ops page. */
  record Health(boolean checked, boolean up, double latencyMillis, long downForSeconds) {}

  /**
   * @param ping one PING with its timeout
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  RedisWatch(Supplier<Future<?>> ping, IntakeMetrics metrics, LongSupplier nanoTime) {
    this.ping = ping;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
    this.stillDown = new LogLimiter(TimeUnit.MINUTES.toNanos(1), nanoTime);
  }

  /** One check; call it from the management verticle's event loop only. */
  void check() {
    long sent = nanoTime.getAsLong();
    ping.get()
        .onComplete(
            ar -> {
              double latency = (nanoTime.getAsLong() - sent) / 1_000_000.0;
              observe(ar.succeeded(), ar.cause());
              long down =
                  downSince < 0
                      ? 0
                      : TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - downSince);
              health = new Health(true, ar.succeeded(), Math.round(latency * 100) / 100.0, down);
            });
  }

  /** The last check's outcome (not checked yet: {@code checked} false). */
  Health health() {
    return health;
  }

  private void observe(boolean up, Throwable cause) {
    metrics.readiness(up);
    long now = nanoTime.getAsLong();
    if (!up && downSince < 0) {
      downSince = now;
      stillDown.admit(KEY);
      LOG.warn(
          "[{}] Redis does not answer ({}): /health/ready is DOWN and intake answers 503 until it"
              + " does",
          first ? "startup" : "redis",
          String.valueOf(cause));
    } else if (!up) {
      long suppressed = stillDown.admit(KEY);
      if (suppressed >= 0) {
        LOG.warn(
            "[redis] still not answering after {} s ({})",
            TimeUnit.NANOSECONDS.toSeconds(now - downSince),
            String.valueOf(cause));
      }
    } else if (downSince >= 0) {
      LOG.info(
          "[redis] answering again after {} s", TimeUnit.NANOSECONDS.toSeconds(now - downSince));
      downSince = -1;
    }
    first = false;
  }
}
