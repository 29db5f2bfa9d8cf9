package cn.gov12345.intake.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.MovableClock;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("cluster")
class MediaSweeperIT {

  private static final Duration TTL = Duration.ofHours(24);

  private final Vertx vertx = Vertx.vertx();
  private final Redis redis = Redis.createClient(vertx, TestRedis.options());
  private final String prefix = TestRedis.freshPrefix();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T08:00:00Z"));
  private final RedisMediaRegistry registry = new RedisMediaRegistry(prefix, redis::send, clock);

  @TempDir Path dataDir;

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void anUnclaimedUploadIsDeletedOnceItsTimeIsUpRecordAndBytes() throws Exception {
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");
    StoredMedia photo = upload(store, "m1", UploadClient.png(3000, 1));
    MediaSweeper sweeper = new MediaSweeper(registry, store, clock);

    clock.advance(TTL.minusMinutes(1));
    assertThat(await(sweeper.sweep())).isZero();
    assertThat(Files.exists(store.path(photo.sha256()))).isTrue();

    clock.advance(Duration.ofMinutes(2));
    assertThat(await(sweeper.sweep())).isEqualTo(1);
    assertThat(Files.exists(store.path(photo.sha256()))).isFalse();
    assertThat(TestRedis.call(Command.EXISTS, registry.record("m1")).toInteger()).isZero();
    assertThat(TestRedis.call(Command.ZCARD, registry.unclaimed()).toInteger()).isZero();
    assertThat(await(sweeper.sweep())).isZero();
  }

  @Test
  void bytesAClaimedUploadSharesSurviveTheOtherUploadsExpiry() throws Exception {
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");
    byte[] same = UploadClient.png(3000, 2);
    StoredMedia kept = upload(store, "kept", same);
    upload(store, "dropped", same);
    await(registry.claim("owner", List.of("kept")));

    clock.advance(TTL.plusMinutes(1));
    assertThat(await(new MediaSweeper(registry, store, clock).sweep())).isEqualTo(1);

    assertThat(Files.exists(store.path(kept.sha256()))).isTrue();
    assertThat(TestRedis.call(Command.EXISTS, registry.record("dropped")).toInteger()).isZero();
    assertThat(await(registry.claim("owner", List.of("kept")))).containsExactly(kept);
  }

  @Test
  void bytesAnotherChannelStoredBeforeTheUploadAreNeverDeleted() throws Exception {
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");
    byte[] bytes = UploadClient.png(3000, 3);
    StoredMedia wechat = await(store.put(Buffer.buffer(bytes), "image/png", null));
    upload(store, "m2", bytes);

    clock.advance(TTL.plusMinutes(1));
    assertThat(await(new MediaSweeper(registry, store, clock).sweep())).isEqualTo(1);
    assertThat(Files.exists(store.path(wechat.sha256()))).isTrue();
  }

  @Test
  void aPinWaitsWhileTheSameBytesAreBeingDeleted() throws Exception {
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");
    StoredMedia photo = upload(store, "m3", UploadClient.png(3000, 4));
    clock.advance(TTL.plusMinutes(1));

    String sha = await(registry.sweep("m3", clock.millis()));
    assertThat(sha).isEqualTo(photo.sha256());
    assertThat(await(registry.pin(sha, "m4", false))).isFalse();
    await(registry.deleted(sha));
    assertThat(await(registry.pin(sha, "m4", false))).isTrue();
    assertThat(await(registry.sweep("m3", clock.millis()))).as("swept once only").isNull();
  }

  /** What the upload finisher does: exists, pin, put, register. */
  private StoredMedia upload(FileMediaStore store, String mediaId, byte[] bytes) throws Exception {
    Path file = dataDir.resolve(mediaId + ".staged");
    Files.write(file, bytes);
    FileDigest digest = await(FileDigest.of(vertx, file));
    boolean existed = await(store.exists(digest.sha256()));
    assertThat(await(registry.pin(digest.sha256(), mediaId, existed))).isTrue();
    StoredMedia stored = await(store.putFile(file, digest));
    await(registry.register(mediaId, "owner", stored, TTL));
    assertThat(file).doesNotExist();
    return stored;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }
}
