package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import io.vertx.redis.client.Command;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expiry of abandoned and unclaimed uploads. */
class UploadLifecycleIT {

  static UploadGateway up;
  static Path staging;
  static TestGateway gateway;
  static UploadClient app;

  @BeforeAll
  static void start() throws Exception {
    up =
        UploadGateway.start(
            "  uploadExpiry: 2s\n  unclaimedTtl: 2s\n  sweepInterval: 200ms\n", "citizen-l");
    staging = up.staging();
    gateway = up.gateway();
    app = up.app();
  }

  @AfterAll
  static void stop() {
    up.close();
  }

  @Test
  void anAbandonedIncompleteUploadExpiresWithItsStagedBytes() {
    String path = app.create(1000, "");
    assertThat(patch(path, 0, new byte[100]).statusCode()).isEqualTo(204);
    String id = path.substring(path.lastIndexOf('/') + 1);
    assertThat(staging.resolve(id)).exists();

    Eventually.await(
        Duration.ofSeconds(15),
        () -> {
          assertThat(app.send("HEAD", path, null).statusCode()).isEqualTo(404);
          assertThat(staging.resolve(id)).doesNotExist();
        });
  }

  @Test
  void aCompletedUploadNoSubmissionClaimedIsDeleted() {
    byte[] photo = UploadClient.png(2000, 8);
    String path = app.create(photo.length, UploadClient.metadata("x.png", "image/png"));
    HttpResponse<String> done = patch(path, 0, photo);
    String mediaId = done.headers().firstValue("Upload-Media-Id").orElseThrow();
    String record = gateway.prefix() + ":{media}:m:" + mediaId;
    Path stored = Path.of(URI.create(ResumableUploadIT.hash(record).get("uri")));
    assertThat(stored).exists();

    Eventually.await(
        Duration.ofSeconds(15),
        () -> {
          assertThat(TestRedis.call(Command.EXISTS, record).toInteger()).isZero();
          assertThat(stored).doesNotExist();
        });
    assertThat(Instant.now()).isNotNull();
  }

  private static HttpResponse<String> patch(String path, long offset, byte[] body) {
    return app.patch(path, offset, body);
  }
}
