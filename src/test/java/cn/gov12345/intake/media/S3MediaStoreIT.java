package cn.gov12345.intake.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.S3Config;
import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.UploadClient;
import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 media store against Adobe's S3Mock running in this JVM. */
class S3MediaStoreIT {

  static final String BUCKET = "media";

  @RegisterExtension
  static final S3MockExtension S3 =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withInitialBuckets(BUCKET)
          .build();

  static Vertx vertx;
  static S3Client client;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = MediaStores.client(config());
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
  }

  static S3Config config() {
    return new S3Config(
        BUCKET,
        "http://127.0.0.1:" + S3.getHttpPort(),
        "us-east-1",
        true,
        Secret.of("test-key"),
        Secret.of("test-secret"),
        "t/",
        5L * 1024 * 1024);
  }

  private S3MediaStore store() {
    return new S3MediaStore(
        vertx, client, BUCKET, "t/", "", 5L * 1024 * 1024, dir.resolve("spool"));
  }

  @Test
  void aStreamLargerThanAPartGoesUpAsAMultipartUploadUnderItsSha256() throws Exception {
    byte[] video = UploadClient.mp4(12 * 1024 * 1024 + 7, 5);
    Path file = dir.resolve("in.mp4");
    Files.write(file, video);
    S3MediaStore store = store();

    StoredMedia stored =
        vertx
            .fileSystem()
            .open(file.toString(), new OpenOptions().setRead(true))
            .compose(f -> store.put(f, "video/mp4", "clip.mp4"))
            .await(60, TimeUnit.SECONDS);

    String sha = FileMediaStore.sha256(video);
    assertThat(stored.sha256()).isEqualTo(sha);
    assertThat(stored.size()).isEqualTo(video.length);
    assertThat(stored.sniffedType()).isEqualTo("video/mp4");
    assertThat(stored.uri()).isEqualTo("s3://media/t/" + sha.substring(0, 2) + "/" + sha);
    byte[] back = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(store.key(sha))).asByteArray();
    assertThat(FileMediaStore.sha256(back)).isEqualTo(sha);
    assertThat(dir.resolve("spool")).isEmptyDirectory();
  }

  @Test
  void theSameBytesTwiceAreOneObjectAndDeleteRemovesIt() throws Exception {
    byte[] photo = UploadClient.png(3000, 6);
    S3MediaStore store = store();
    StoredMedia first = store.put(Buffer.buffer(photo), null, null).await(30, TimeUnit.SECONDS);
    StoredMedia second = store.put(Buffer.buffer(photo), null, null).await(30, TimeUnit.SECONDS);

    assertThat(second).isEqualTo(first);
    assertThat(first.sniffedType()).isEqualTo("image/png");
    assertThat(store.exists(first.sha256()).await(30, TimeUnit.SECONDS)).isTrue();
    store.delete(first.sha256()).await(30, TimeUnit.SECONDS);
    assertThat(store.exists(first.sha256()).await(30, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void aGatewayWithTheS3StoreKeepsCompletedUploadsInTheBucket() throws Exception {
    String yaml =
        UploadClient.APP_AUTH_YAML
            + "media:\n  store: s3\n  s3:\n    bucket: media\n    endpoint: http://127.0.0.1:"
            + S3.getHttpPort()
            + "\n    accessKeyId: k\n    secretAccessKey: s\n    partSize: 5242880\n";
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC())) {
      UploadClient app = new UploadClient(gateway.baseUrl(), "citizen-s3");
      byte[] photo = UploadClient.png(4000, 7);
      String path = app.create(photo.length, UploadClient.metadata("p.png", "image/png"));
      HttpResponse<String> r =
          app.send(
              "PATCH",
              path,
              photo,
              "Content-Type",
              "application/offset+octet-stream",
              "Upload-Offset",
              "0");
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.headers().firstValue("Upload-Media-Id")).isPresent();
      String sha = FileMediaStore.sha256(photo);
      byte[] back =
          client
              .getObjectAsBytes(b -> b.bucket(BUCKET).key(sha.substring(0, 2) + "/" + sha))
              .asByteArray();
      assertThat(back).isEqualTo(photo);
    }
  }
}
