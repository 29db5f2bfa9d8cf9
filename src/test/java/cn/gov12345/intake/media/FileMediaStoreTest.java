package cn.gov12345.intake.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMediaStoreTest {

  static final byte[] PNG = MediaSnifferTest.head("89504e470d0a1a0a", 8, "IHDR rest of a png");

  static Vertx vertx;

  @TempDir Path dataDir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void bytesAreStoredContentAddressedWithTheSniffedTypeNotTheDeclaredOne() throws Exception {
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");
    StoredMedia stored =
        store.put(Buffer.buffer(PNG), "image/gif", "photo.gif").await(10, TimeUnit.SECONDS);

    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG));
    Path file = dataDir.resolve("media").resolve(sha.substring(0, 2)).resolve(sha);
    assertThat(stored.sha256()).isEqualTo(sha);
    assertThat(stored.size()).isEqualTo(PNG.length);
    assertThat(stored.sniffedType()).isEqualTo("image/png");
    assertThat(stored.uri()).startsWith("file:/").isEqualTo(file.toUri().toString());
    assertThat(Files.readAllBytes(file)).isEqualTo(PNG);
  }

  @Test
  void theSameBytesTwiceLeaveOneFileAndNoTempFiles() throws Exception {
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "https://media.example/");
    StoredMedia first = store.put(Buffer.buffer(PNG), null, null).await(10, TimeUnit.SECONDS);
    StoredMedia second = store.put(Buffer.buffer(PNG), null, null).await(10, TimeUnit.SECONDS);

    assertThat(second).isEqualTo(first);
    assertThat(first.uri())
        .isEqualTo(
            "https://media.example/" + first.sha256().substring(0, 2) + "/" + first.sha256());
    try (Stream<Path> files = Files.walk(dataDir.resolve("media"))) {
      assertThat(files.filter(Files::isRegularFile).toList())
          .singleElement()
          .satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo(first.sha256()));
    }
  }

  @Test
  void aFailedWriteFailsThePut() throws Exception {
    Files.writeString(dataDir.resolve("media"), "a file where the directory should be");
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");

    assertThat(store.put(Buffer.buffer(PNG), null, null).toCompletionStage())
        .failsWithin(java.time.Duration.ofSeconds(10));
  }

  @Test
  void aStreamIsDigestedOnTheFlyAndStoredLikeBytes() throws Exception {
    byte[] video = cn.gov12345.intake.support.UploadClient.mp4(3 * 1024 * 1024 + 1, 9);
    Path in = Files.write(dataDir.resolve("in.mp4"), video);
    FileMediaStore store = new FileMediaStore(vertx, dataDir.toString(), "");

    StoredMedia stored =
        vertx
            .fileSystem()
            .open(in.toString(), new io.vertx.core.file.OpenOptions().setRead(true))
            .compose(f -> store.put(f, "video/mp4", "clip.mp4"))
            .await(10, TimeUnit.SECONDS);

    assertThat(stored.sha256()).isEqualTo(FileMediaStore.sha256(video));
    assertThat(stored.size()).isEqualTo(video.length);
    assertThat(stored.sniffedType()).isEqualTo("video/mp4");
    assertThat(Files.readAllBytes(store.path(stored.sha256()))).isEqualTo(video);
    assertThat(dataDir.resolve("media").resolve(".spool")).isEmptyDirectory();
    assertThat(store.exists(stored.sha256()).await(10, TimeUnit.SECONDS)).isTrue();
    store.delete(stored.sha256()).await(10, TimeUnit.SECONDS);
    assertThat(store.exists(stored.sha256()).await(10, TimeUnit.SECONDS)).isFalse();
    store.delete(stored.sha256()).await(10, TimeUnit.SECONDS);
  }
}
