package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import io.vertx.redis.client.Command;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Expiry of abandoned and unclaimed uploads. */
@Tag("cluster")
class UploadLifecycleIT {

  @RegisterExtension
  static final UploadGateway UP =
      new UploadGateway(
          "  uploadExpiry: 2s\n  unclaimedTtl: 2s\n  sweepInterval: 200ms\n", "citizen-l");

  @Test
  void anAbandonedIncompleteUploadExpiresWithItsStagedBytes() {
    String path = UP.app().create(1000, "");
    assertThat(patch(path, 0, new byte[100]).statusCode()).isEqualTo(204);
    String id = path.substring(path.lastIndexOf('/') + 1);
    assertThat(UP.staging().resolve(id)).exists();

    Eventually.await(
        Duration.ofSeconds(15),
        () -> {
          assertThat(UP.app().send("HEAD", path, null).statusCode()).isEqualTo(404);
          assertThat(UP.staging().resolve(id)).doesNotExist();
        });
  }

  @Test
  void aCompletedUploadNoSubmissionClaimedIsDeleted() {
    byte[] photo = UploadClient.png(2000, 8);
    String path = UP.app().create(photo.length, UploadClient.metadata("x.png", "image/png"));
    HttpResponse<String> done = patch(path, 0, photo);
    String mediaId = done.headers().firstValue("Upload-Media-Id").orElseThrow();
    String record = UP.gateway().prefix() + ":{media}:m:" + mediaId;
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
    return UP.app().patch(path, offset, body);
  }
}
