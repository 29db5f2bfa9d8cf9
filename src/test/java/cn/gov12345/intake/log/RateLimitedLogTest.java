package cn.gov12345.intake.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

  final AtomicLong now = new AtomicLong();
  final Logger logger = (Logger) LoggerFactory.getLogger("test.rate-limited");
  final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofMinutes(1), now::get);

  @Test
  void aRepeatedFailureIsLoggedOnceThenOnceAMinuteWithTheCountSuppressed() {
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      for (int i = 0; i <= 300; i++) {
        log.warn("orders:failed", "[delivery] {}: event {} failed", "orders", "e" + i);
        now.addAndGet(Duration.ofMillis(200).toNanos());
      }
      log.warn("hotline:failed", "[delivery] {}: event {} failed", "hotline", "x");
    } finally {
      logger.detachAppender(lines);
    }

    List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .containsExactly(
            "[delivery] orders: event e0 failed",
            "[delivery] orders: event e300 failed (299 more like it since the last line)",
            "[delivery] hotline: event x failed");
  }
}
