package cn.gov12345.intake.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisMediaRegistryIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
  private final Vertx vertx = Vertx.vertx();
  private final Redis redis = Redis.createClient(vertx, TestRedis.options());
  private final String prefix = TestRedis.freshPrefix();
  private final RedisMediaRegistry registry = new RedisMediaRegistry(prefix, redis::send, CLOCK);

  private final StoredMedia photo = new StoredMedia("file:a", "aa", 10, "image/jpeg");
  private final StoredMedia video = new StoredMedia("file:b", "bb", 20, "video/mp4");

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void claimReturnsTheMediaInOrderAndMakesThemPermanent() throws Exception {
    await(registry.register("m1", "alice", photo, Duration.ofHours(1)).map(v -> null));
    await(registry.register("m2", "alice", video, Duration.ofHours(1)).map(v -> null));
    assertThat(TestRedis.call(Command.ZCARD, registry.unclaimed()).toInteger()).isEqualTo(2);

    List<StoredMedia> claimed = await(registry.claim("alice", List.of("m2", "m1")));

    assertThat(claimed).containsExactly(video, photo);
    assertThat(TestRedis.call(Command.ZCARD, registry.unclaimed()).toInteger()).isZero();
    assertThat(TestRedis.call(Command.HGET, registry.record("m1"), "claimed").toString())
        .isEqualTo("1");
    assertThat(await(registry.claim("alice", List.of("m1")))).containsExactly(photo);
  }

  @Test
  void anotherOwnersOrAnUnknownIdClaimsNothing() throws Exception {
    await(registry.register("m1", "alice", photo, Duration.ofHours(1)).map(v -> null));
    await(registry.register("m2", "bob", video, Duration.ofHours(1)).map(v -> null));

    assertThatThrownBy(() -> await(registry.claim("alice", List.of("m1", "m2"))))
        .hasCauseInstanceOf(UnknownMediaException.class)
        .cause()
        .extracting(e -> ((UnknownMediaException) e).mediaId())
        .isEqualTo("m2");
    assertThatThrownBy(() -> await(registry.claim("alice", List.of("nope"))))
        .hasCauseInstanceOf(UnknownMediaException.class);
    assertThat(TestRedis.call(Command.HGET, registry.record("m1"), "claimed")).isNull();
    assertThat(TestRedis.call(Command.ZCARD, registry.unclaimed()).toInteger()).isEqualTo(2);
  }

  @Test
  void unclaimedIdsAreScoredByTheirExpiry() throws Exception {
    await(registry.register("m1", "alice", photo, Duration.ofMinutes(30)).map(v -> null));
    assertThat(TestRedis.call(Command.ZSCORE, registry.unclaimed(), "m1").toLong())
        .isEqualTo(CLOCK.millis() + Duration.ofMinutes(30).toMillis());
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }
}
