package cn.gov12345.intake.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The graceful drain on shutdown (SIGTERM): from {@link #begin()} on, {@code /health/ready} answers
 * 503 so load balancers and Kubernetes endpoints stop sending new traffic; the public port keeps
 * serving for {@code http.drainDelay} (what is still routed here meanwhile is answered), then stops
 * accepting and gives in-flight requests {@code http.shutdownGrace}.
 */
public final class Drain {

  private final Duration delay;
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * @param delay {@code http.drainDelay}: how long the port keeps serving after readiness went down
   */
  public Drain(Duration delay) {
    this.delay = delay;
  }

  /** Turns readiness down; true the first time (false when the drain had already begun). */
  public boolean begin() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }

  public Duration delay() {
    return delay;
  }
}
