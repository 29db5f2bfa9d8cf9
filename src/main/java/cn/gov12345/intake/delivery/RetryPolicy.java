package cn.gov12345.intake.delivery;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt of a failed delivery is due. The schedule lists the delay before each
 * attempt (the first, normally 0, is the immediate one); once every attempt was made the event is
 * dead-lettered. Delays vary by up to {@code jitter} either way, so a destination that comes back
 * is not hit by every retry at the same instant.
 */
public final class RetryPolicy {

  private final List<Duration> schedule;
  private final double jitter;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1) (tests pass a constant)
   */
  public RetryPolicy(List<Duration> schedule, double jitter, DoubleSupplier random) {
    this.schedule = List.copyOf(schedule);
    this.jitter = jitter;
    this.random = random;
  }

  /** Attempts in all, the first included. */
  public int attempts() {
    return schedule.size();
  }

  /**
   * @param attemptsMade attempts made so far (at least 1)
   * @return the delay before the next attempt, or empty when there is none (dead-letter it)
   */
  public OptionalLong nextDelayMillis(int attemptsMade) {
    if (attemptsMade >= schedule.size()) {
      return OptionalLong.empty();
    }
    long base = schedule.get(attemptsMade).toMillis();
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return OptionalLong.of(Math.max(0, Math.round(base * factor)));
  }
}
