package cn.gov12345.intake.delivery;

import java.time.Clock;

/**
 * One destination's circuit breaker. CLOSED: read as much as the concurrency allows. After {@code
 * failures} failed attempts in a row it OPENs: nothing is read for the destination (the backlog
 * waits in Redis, not in memory). {@code probeAfter} after the last failure it is HALF_OPEN: one
 * entry at a time is let through as a probe; a success closes it, a failure opens it again.
 *
 * <p>Thread-safe: the delivery verticle drives it, the management port reads its state.
 */
public final class CircuitBreaker {

  /** The breaker's states, as the admin API shows them. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final long probeAfterMillis;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failuresInARow;
  private long lastFailure;

  public CircuitBreaker(int threshold, long probeAfterMillis, Clock clock) {
    this.threshold = threshold;
    this.probeAfterMillis = probeAfterMillis;
    this.clock = clock;
  }

  /**
   * How many entries may be started now.
   *
   * @param free concurrency left
   * @param inFlight attempts running now
   */
  public synchronized int permits(int free, int inFlight) {
    if (state == State.OPEN && clock.millis() - lastFailure >= probeAfterMillis) {
      state = State.HALF_OPEN;
    }
    return switch (state) {
      case CLOSED -> Math.max(0, free);
      case HALF_OPEN -> inFlight == 0 && free > 0 ? 1 : 0;
      case OPEN -> 0;
    };
  }

  public synchronized void succeeded() {
    failuresInARow = 0;
    state = State.CLOSED;
  }

  public synchronized void failed() {
    failuresInARow++;
    lastFailure = clock.millis();
    if (state == State.HALF_OPEN || failuresInARow >= threshold) {
      state = State.OPEN;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && clock.millis() - lastFailure >= probeAfterMillis) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
