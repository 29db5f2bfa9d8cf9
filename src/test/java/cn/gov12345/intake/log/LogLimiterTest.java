package cn.gov12345.intake.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final LogLimiter limiter = new LogLimiter(TimeUnit.SECONDS.toNanos(10), now::get);

  @Test
  void theFirstOccurrenceIsLoggedAndTheRestOfTheIntervalOnlyCounted() {
    assertThat(limiter.admit("store_unavailable")).isZero();
    for (int i = 0; i < 2_209; i++) {
      assertThat(limiter.admit("store_unavailable")).isEqualTo(-1);
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(10));
    assertThat(limiter.admit("store_unavailable")).isEqualTo(2_209);
    assertThat(limiter.admit("store_unavailable")).isEqualTo(-1);
  }

  @Test
  void eachKeyHasItsOwnWindow() {
    assertThat(limiter.admit("a")).isZero();
    assertThat(limiter.admit("b")).isZero();
    assertThat(limiter.admit("a")).isEqualTo(-1);
  }
}
