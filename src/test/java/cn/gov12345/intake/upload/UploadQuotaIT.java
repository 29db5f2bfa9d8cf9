package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default per-user quota of open uploads: 10 uploads, 2 GiB declared. */
class UploadQuotaIT {

  static final long GIB = 1024L * 1024 * 1024;
  static final String PNG = UploadClient.metadata("p.png", "image/png");

  @RegisterExtension static final UploadGateway UP = new UploadGateway("", "citizen-q");

  @Test
  void theEleventhOpenUploadOfOneUserIs429AndWritesNothingAndAFinishedOrDeletedOneFreesASlot()
      throws IOException {
    UploadClient app = new UploadClient(UP.gateway().baseUrl(), "quota-open");
    List<String> open = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      open.add(app.create(2000, PNG));
    }
    long files = stagedFiles();
    long keys = TestRedis.keys(UP.gateway().prefix()).size();

    HttpResponse<String> eleventh = create(app, 2000);
    assertThat(eleventh.statusCode()).isEqualTo(429);
    assertThat(code(eleventh)).isEqualTo("upload_quota_exceeded");
    assertThat(new JsonObject(eleventh.body()).getString("detail")).contains("10 unfinished");
    assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();
    assertThat(eleventh.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(stagedFiles()).isEqualTo(files);
    assertThat(TestRedis.keys(UP.gateway().prefix())).hasSize((int) keys);

    UploadClient other = new UploadClient(UP.gateway().baseUrl(), "quota-neighbour");
    assertThat(create(other, 2000).statusCode()).isEqualTo(201);

    assertThat(app.send("DELETE", open.get(0), null).statusCode()).isEqualTo(204);
    assertThat(create(app, 2000).statusCode()).isEqualTo(201);
    assertThat(create(app, 2000).statusCode()).isEqualTo(429);

    HttpResponse<String> done = app.patch(open.get(1), 0, UploadClient.png(2000, 5));
    assertThat(done.headers().firstValue("Upload-Media-Id")).isPresent();
    assertThat(create(app, 2000).statusCode()).isEqualTo(201);
    assertThat(create(app, 2000).statusCode()).isEqualTo(429);
  }

  @Test
  void declaredBytesOverTheUsersQuotaAre429UntilAnUploadIsDeleted() {
    UploadClient app = new UploadClient(UP.gateway().baseUrl(), "quota-bytes");
    String first = app.create(GIB, "");
    app.create(GIB, "");

    HttpResponse<String> over = create(app, 1);
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(code(over)).isEqualTo("upload_quota_exceeded");
    assertThat(new JsonObject(over.body()).getString("detail")).contains("bytes");

    assertThat(app.send("DELETE", first, null).statusCode()).isEqualTo(204);
    assertThat(create(app, GIB).statusCode()).isEqualTo(201);
  }

  @Test
  void anUploadRefusedOnItsFirstChunkNoLongerCounts() {
    UploadClient app = new UploadClient(UP.gateway().baseUrl(), "quota-refused");
    List<String> open = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      open.add(app.create(100_000, UploadClient.metadata("c.mp4", "video/mp4")));
    }
    // a PNG under a video's name is refused (and deleted) at its first chunk
    HttpResponse<String> refused = app.patch(open.get(0), 0, UploadClient.png(70_000, 6));
    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(create(app, 2000).statusCode()).isEqualTo(201);
  }

  static HttpResponse<String> create(UploadClient app, long length) {
    return app.send(
        "POST", "/channels/app/v1/uploads/", null, "Upload-Length", Long.toString(length));
  }

  static String code(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("code");
  }

  private static long stagedFiles() throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(UP.staging())) {
      return files.count();
    }
  }
}
