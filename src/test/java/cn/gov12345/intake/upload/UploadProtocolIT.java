package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tus 1.0.0 rules every client relies on. */
class UploadProtocolIT {

  @RegisterExtension static final UploadGateway UP = new UploadGateway("", "citizen-p");

  @Test
  void optionsAdvertisesVersionExtensionsMaxSizeAndChecksumsWithoutAToken() {
    HttpResponse<String> r =
        UP.app()
            .send(
                "OPTIONS",
                "/channels/app/v1/uploads/",
                null,
                "Authorization",
                "",
                "Tus-Resumable",
                "");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(r.headers().firstValue("Tus-Extension"))
        .contains("creation,termination,checksum,expiration");
    assertThat(r.headers().firstValue("Tus-Max-Size")).contains("1073741824");
    assertThat(r.headers().firstValue("Tus-Checksum-Algorithm")).contains("sha1,sha256");
  }

  @Test
  void aRequestWithoutTusResumableIs412WithTheSupportedVersion() {
    HttpResponse<String> r =
        UP.app()
            .send(
                "POST",
                "/channels/app/v1/uploads/",
                null,
                "Tus-Resumable",
                "0.2.2",
                "Upload-Length",
                "10");
    assertThat(r.statusCode()).isEqualTo(412);
    assertThat(r.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(code(r)).isEqualTo("unsupported_tus_version");
  }

  @Test
  void withoutAValidTokenNothingIsCreated() {
    int staged = UP.staging().toFile().list().length;
    HttpResponse<String> r =
        UP.app()
            .send(
                "POST",
                "/channels/app/v1/uploads/",
                null,
                "Authorization",
                "Bearer not-a-jwt",
                "Upload-Length",
                "10");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(UP.staging().toFile().list()).hasSize(staged);
  }

  @Test
  void creationAnswersLocationAndExpiryAndHeadTellsTheOffset() {
    String path = UP.app().create(100, UploadClient.metadata("a.png", "image/png"));
    HttpResponse<String> head = UP.app().send("HEAD", path, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Upload-Offset")).contains("0");
    assertThat(head.headers().firstValue("Upload-Length")).contains("100");
    assertThat(head.headers().firstValue("Upload-Expires")).isPresent();
    assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(head.headers().firstValue("Upload-Metadata")).isPresent();
  }

  @Test
  void anotherUsersUploadDoesNotExistForYou() {
    String path = UP.app().create(100, "");
    UploadClient other = new UploadClient(UP.gateway().baseUrl(), "someone-else");
    assertThat(other.send("HEAD", path, null).statusCode()).isEqualTo(404);
    assertThat(other.send("DELETE", path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aPatchAtTheWrongOffsetIs409AndWritesNothing() {
    String path = UP.app().create(100, "");
    HttpResponse<String> r = patch(path, 10, new byte[10]);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(code(r)).isEqualTo("upload_offset_mismatch");
    assertThat(UP.app().send("HEAD", path, null).headers().firstValue("Upload-Offset"))
        .contains("0");
  }

  @Test
  void aPatchWithAnotherContentTypeIs415() {
    String path = UP.app().create(100, "");
    HttpResponse<String> r =
        UP.app()
            .send(
                "PATCH",
                path,
                new byte[10],
                "Content-Type",
                "application/octet-stream",
                "Upload-Offset",
                "0");
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void aBodyLongerThanTheRestOfTheUploadIs413AndDiscarded() {
    String path = UP.app().create(10, "");
    HttpResponse<String> r = patch(path, 0, new byte[20]);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(UP.app().send("HEAD", path, null).headers().firstValue("Upload-Offset"))
        .contains("0");
  }

  @Test
  void methodOverrideTurnsAPostIntoAPatchOrDelete() {
    String path = UP.app().create(100, "");
    HttpResponse<String> r =
        UP.app()
            .send(
                "POST",
                path,
                new byte[40],
                "X-HTTP-Method-Override",
                "PATCH",
                "Content-Type",
                "application/offset+octet-stream",
                "Upload-Offset",
                "0");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Upload-Offset")).contains("40");

    HttpResponse<String> deleted =
        UP.app().send("POST", path, null, "X-HTTP-Method-Override", "DELETE");
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(UP.app().send("HEAD", path, null).statusCode()).isEqualTo(404);
    assertThat(UP.staging().resolve(path.substring(path.lastIndexOf('/') + 1))).doesNotExist();
  }

  @Test
  void badUploadLengthAndMetadataAre400() {
    assertThat(
            UP.app()
                .send("POST", "/channels/app/v1/uploads/", null, "Upload-Length", "-1")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            UP.app()
                .send(
                    "POST",
                    "/channels/app/v1/uploads/",
                    null,
                    "Upload-Length",
                    "1",
                    "Upload-Metadata",
                    "filename %%%")
                .statusCode())
        .isEqualTo(400);
    assertThat(UP.app().send("POST", "/channels/app/v1/uploads/", null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void aSecondPatchWhileOneStreamsIs423AndBytesOfAnAbortedPatchAreKept() throws Exception {
    String path = UP.app().create(100_000, UploadClient.metadata("c.mp4", "video/mp4"));
    byte[] head = UploadClient.mp4(30_000, 3);
    try (Socket socket = new Socket("127.0.0.1", URI.create(UP.gateway().baseUrl()).getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(patchHeaders(path, 100_000).getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      out.flush();
      String lease =
          UP.gateway().prefix() + ":{uploads}:lease:" + path.substring(path.lastIndexOf('/') + 1);
      Eventually.await(
          Duration.ofSeconds(10),
          () -> assertThat(TestRedis.call(Command.EXISTS, lease).toInteger()).isEqualTo(1));
      HttpResponse<String> second = patch(path, 0, new byte[10]);
      assertThat(second.statusCode()).isEqualTo(423);
      assertThat(code(second)).isEqualTo("upload_locked");
    }
    Eventually.await(
        Duration.ofSeconds(10),
        () ->
            assertThat(UP.app().send("HEAD", path, null).headers().firstValue("Upload-Offset"))
                .contains("30000"));
    HttpResponse<String> resumed = patch(path, 30_000, new byte[10]);
    assertThat(resumed.statusCode()).isEqualTo(204);
    assertThat(resumed.headers().firstValue("Upload-Offset")).contains("30010");
  }

  private static String patchHeaders(String path, int length) {
    String token =
        UP.app()
            .send("HEAD", path, null)
            .request()
            .headers()
            .firstValue("Authorization")
            .orElseThrow();
    return "PATCH "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
        + "Authorization: "
        + token
        + "\r\nContent-Type: application/offset+octet-stream\r\n"
        + "Upload-Offset: 0\r\nContent-Length: "
        + length
        + "\r\n\r\n";
  }

  private static HttpResponse<String> patch(String path, long offset, byte[] body) {
    return UP.app().patch(path, offset, body);
  }

  static String code(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("code");
  }
}
