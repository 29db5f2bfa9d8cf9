package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import cn.gov12345.intake.support.WebFormClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A data volume under its free-space reserve takes no upload: tus creation and the web form's
 * photos are refused with 507 before their first byte, so the Redis AOF on that volume never runs
 * out of space. (The reserve here is larger than any disk.)
 */
class DiskReserveIT {

  @RegisterExtension
  static final UploadGateway UP =
      new UploadGateway("  diskReserveBytes: 9000000000000000000\n", "citizen-d");

  @Test
  void aTusCreationUnderTheReserveIsRefusedWith507AndNothingIsStaged() throws IOException {
    Map<String, String> before = RedisSnapshot.of(UP.gateway().prefix());
    HttpResponse<String> r =
        UP.app()
            .send(
                "POST",
                UP.app().creationUrl(),
                null,
                "Upload-Length",
                "5000",
                "Upload-Metadata",
                UploadClient.metadata("a.png", "image/png"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
    assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("insufficient_storage");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
    assertThat(files(UP.staging())).isEmpty();
    assertThat(RedisSnapshot.of(UP.gateway().prefix())).isEqualTo(before);
  }

  @Test
  void aWebFormUnderTheReserveIsRefusedWith507BeforeItsPhotosReachTheDisk() throws IOException {
    WebFormClient citizen = new WebFormClient(UP.gateway().baseUrl(), "198.51.100.77");
    Map<String, String> fields = citizen.validFields(citizen.challenge());
    Map<String, String> before = RedisSnapshot.of(UP.gateway().prefix());

    HttpResponse<String> r =
        citizen.submit(
            fields,
            List.of(
                new WebFormClient.Part(
                    "photos", "IMG.png", "image/png", UploadClient.png(5000, 3))),
            citizen.csrfToken());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
    assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("insufficient_storage");
    assertThat(files(Path.of(UP.gateway().config().dataDir(), "web-uploads"))).isEmpty();
    assertThat(RedisSnapshot.of(UP.gateway().prefix())).isEqualTo(before);
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }
}
