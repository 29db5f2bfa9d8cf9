package cn.gov12345.intake.support;

import java.time.Duration;
import java.util.function.Supplier;

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

  /** The first non-null value of {@code probe} within 15 s (polled every 20 ms); fails after. */
  public static <T> T get(Supplier<T> probe) {
    Object[] found = new Object[1];
    await(
        Duration.ofSeconds(15),
        () -> {
          found[0] = probe.get();
          if (found[0] == null) {
            throw new AssertionError("still nothing after 15 s");
          }
        });
    @SuppressWarnings("unchecked")
    T value = (T) found[0];
    return value;
  }
}
