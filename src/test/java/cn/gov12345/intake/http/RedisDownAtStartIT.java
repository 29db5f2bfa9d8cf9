package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.gov12345.intake.Gateway;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A Redis that does not answer when the gateway starts is logged once at WARN (not once per request
 * or probe), stays quiet while it stays down, and its return is logged once at INFO.
 */
class RedisDownAtStartIT {

  @Test
  void redisDownAtStartUpIsLoggedOnceAndItsReturnOnce() throws Exception {
    int port = TestRedis.freePort();
    Logger watch = (Logger) LoggerFactory.getLogger(RedisWatch.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    watch.addAppender(lines);
    Gateway gateway =
        Gateway.start(
            TestGateway.config(
                "redis://127.0.0.1:" + port,
                TestRedis.freshPrefix(),
                "redis:\n  commandTimeout: 1s\n  connectTimeout: 300ms\n"),
            Clock.systemUTC());
    RedisServer redis = null;
    try {
      Eventually.await(Duration.ofSeconds(5), () -> assertThat(messages(lines)).hasSize(1));
      assertThat(messages(lines).get(0))
          .startsWith("WARN [startup] Redis does not answer")
          .contains("/health/ready is DOWN");
      Thread.sleep(6_000); // a second check, 5 s after the first: still down, not logged again
      assertThat(messages(lines)).hasSize(1);

      redis =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("dir " + Files.createTempDirectory("down-at-start"))
              .build();
      redis.start();
      Eventually.await(Duration.ofSeconds(10), () -> assertThat(messages(lines)).hasSize(2));
      assertThat(messages(lines).get(1)).startsWith("INFO [redis] answering again after");
    } finally {
      watch.detachAppender(lines);
      gateway.stop();
      if (redis != null) {
        redis.stop();
      }
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> lines) {
    synchronized (lines.list) {
      return lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }
}
