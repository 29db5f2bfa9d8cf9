package cn.gov12345.intake.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.RateLimit;
import cn.gov12345.intake.ratelimit.RateLimiter.Subjected;
import cn.gov12345.intake.ratelimit.RateLimiter.Verdict;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("cluster")
class RedisRateLimiterIT {

  private static final RateLimit HOURLY = new RateLimit("ip-hour", 3, Duration.ofHours(1));
  private static final RateLimit DAILY = new RateLimit("global-day", 5, Duration.ofDays(1));

  private final Vertx vertx = Vertx.vertx();
  private final Redis redis = Redis.createClient(vertx, TestRedis.options());
  private final String prefix = TestRedis.freshPrefix();
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-26T08:10:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final RedisRateLimiter limiter =
      new RedisRateLimiter(
          prefix,
          "rate-limit-key-of-32-bytes-or-more!".getBytes(StandardCharsets.UTF_8),
          redis::send,
          clock);

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void theFourthHitOfAnIpInAnHourIsRefusedUntilTheWindowTurns() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(hit("10.0.0.1").allowed()).isTrue();
    }
    Verdict refused = hit("10.0.0.1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.exhausted()).isEqualTo("ip-hour");
    assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
    assertThat(hit("10.0.0.2").allowed()).as("another IP has its own counter").isTrue();

    now.set(now.get().plus(Duration.ofHours(1)));
    assertThat(hit("10.0.0.1").allowed()).isTrue();
  }

  @Test
  void aRefusedHitMovesNoCounterAndTheGlobalCapCountsEveryone() throws Exception {
    for (int i = 0; i < 3; i++) {
      hit("10.0.0.1");
    }
    hit("10.0.0.1"); // refused by ip-hour: must not count against the global cap
    assertThat(hit("10.0.0.2").allowed()).isTrue();
    assertThat(hit("10.0.0.3").allowed()).isTrue();
    Verdict capped = hit("10.0.0.4");
    assertThat(capped.allowed()).isFalse();
    assertThat(capped.exhausted()).isEqualTo("global-day");
  }

  @Test
  void noKeyHoldsTheRawAddress() throws Exception {
    hit("10.0.0.1");
    assertThat(TestRedis.keys(prefix)).isNotEmpty().noneMatch(k -> k.contains("10.0.0.1"));
  }

  private Verdict hit(String ip) throws Exception {
    Future<Verdict> f = limiter.hit(List.of(new Subjected(HOURLY, ip), new Subjected(DAILY, null)));
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
