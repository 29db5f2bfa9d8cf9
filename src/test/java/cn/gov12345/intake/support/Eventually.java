package cn.gov12345.intake.support;

import java.time.Duration;

/** Waits for an asynchronous outcome: retries an assertion until it holds or time runs out. */
public final class Eventually {

  private Eventually() {}

  /** Retries {@code assertion} every 20 ms for up to {@code within}; rethrows its last failure. */
  public static void await(Duration within, Runnable assertion) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
