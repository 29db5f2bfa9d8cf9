package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Files the gateway must refuse, each with a clear error and no stored object. */
class UploadRejectionIT {

  @RegisterExtension
  static final UploadGateway UP =
      new UploadGateway("  imageMaxBytes: 10000\n  videoMaxBytes: 200000\n", "citizen-r");

  @Test
  void aPngRenamedMp4IsRefusedAsAMismatch() {
    refused(UploadClient.png(5000, 1), "clip.mp4", "video/mp4", 415, "media_type_mismatch");
  }

  @Test
  void anExecutableRenamedJpgIsRefusedAsNotAllowed() {
    byte[] exe = UploadClient.png(5000, 2);
    exe[0] = 'M';
    exe[1] = 'Z';
    HttpResponse<String> r = refused(exe, "photo.jpg", "image/jpeg", 415, "media_type_not_allowed");
    assertThat(r.body()).contains("application/x-msdownload");
  }

  @Test
  void anExecutableIsRefusedAtItsFirstChunkNotAfterTheLastByte() {
    byte[] exe = UploadClient.png(70_000, 9);
    exe[0] = 'M';
    exe[1] = 'Z';
    String path = UP.app().create(150_000, UploadClient.metadata("clip.mp4", "video/mp4"));
    HttpResponse<String> r = UP.app().patch(path, 0, exe);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(code(r)).isEqualTo("media_type_not_allowed");
    assertThat(UP.staging().resolve(UploadGateway.id(path))).doesNotExist();
    assertThat(UP.app().send("HEAD", path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aPhotoOverTheImageLimitIsRefusedAfterSniffing() {
    refused(UploadClient.png(20000, 3), "big.png", "image/png", 413, "media_too_large");
  }

  @Test
  void anUploadLongerThanTusMaxSizeIsRefusedAtCreation() {
    HttpResponse<String> r =
        UP.app().send("POST", "/channels/app/v1/uploads/", null, "Upload-Length", "200001");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(code(r)).isEqualTo("upload_too_large");
  }

  @Test
  void aChunkWhoseChecksumDiffersIs460AndDiscarded() throws Exception {
    byte[] file = UploadClient.png(5000, 4);
    String path = UP.app().create(file.length, UploadClient.metadata("p.png", "image/png"));
    byte[] wrong = MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
    HttpResponse<String> r =
        UP.app()
            .patch(
                path,
                0,
                file,
                "Upload-Checksum",
                "sha256 " + Base64.getEncoder().encodeToString(wrong));
    assertThat(r.statusCode()).isEqualTo(460);
    assertThat(code(r)).isEqualTo("checksum_mismatch");
    HttpResponse<String> head = UP.app().send("HEAD", path, null);
    assertThat(head.headers().firstValue("Upload-Offset")).contains("0");

    byte[] right = MessageDigest.getInstance("SHA-1").digest(file);
    HttpResponse<String> ok =
        UP.app()
            .patch(
                path,
                0,
                file,
                "Upload-Checksum",
                "sha1 " + Base64.getEncoder().encodeToString(right));
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(ok.headers().firstValue("Upload-Media-Id")).isPresent();
  }

  /** Uploads a whole file in one PATCH and checks it was refused and nothing was kept. */
  private static HttpResponse<String> refused(
      byte[] file, String name, String type, int status, String code) {
    long filesBefore = storedFiles();
    int registeredBefore = registered();
    String path = UP.app().create(file.length, UploadClient.metadata(name, type));
    HttpResponse<String> r = UP.app().patch(path, 0, file);

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(code(r)).isEqualTo(code);
    assertThat(new JsonObject(r.body()).getString("detail")).isNotBlank();
    assertThat(r.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(storedFiles()).as("no stored object").isEqualTo(filesBefore);
    assertThat(registered()).as("no registered media").isEqualTo(registeredBefore);
    String id = path.substring(path.lastIndexOf('/') + 1);
    assertThat(UP.staging().resolve(id)).as("staged bytes deleted").doesNotExist();
    assertThat(UP.app().send("HEAD", path, null).statusCode()).as("upload gone").isEqualTo(404);
    return r;
  }

  static String code(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("code");
  }

  private static long storedFiles() {
    Path media = Path.of(UP.gateway().config().dataDir(), "media");
    if (!Files.exists(media)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(media)) {
      return files.filter(Files::isRegularFile).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int registered() {
    return TestRedis.call(Command.ZCARD, UP.gateway().prefix() + ":{media}:unclaimed").toInteger();
  }
}
