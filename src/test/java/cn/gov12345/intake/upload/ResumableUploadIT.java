package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.media.FileMediaStore;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.vertx.redis.client.Command;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("cluster")
class ResumableUploadIT {

  static final int SIZE = 3 * 1024 * 1024 + 12345;

  @TempDir Path staging;

  @Test
  void anUploadInterruptedHalfwayResumesFromTheServersOffsetAndStoresTheSameBytes()
      throws Exception {
    try (TestGateway gateway = TestGateway.start(yaml(), Clock.systemUTC())) {
      byte[] file = UploadClient.mp4(SIZE, 1);
      UploadClient app = new UploadClient(gateway.baseUrl(), "citizen-1");
      TusURLMemoryStore urls = new TusURLMemoryStore();

      TusUploader first = app.tus(urls).createUpload(upload(file));
      sendUntilHalf(first);
      long halfway = first.getOffset();
      first.finish(false);

      TusUploader resumed = app.tus(urls).resumeUpload(upload(file));
      assertThat(resumed.getOffset()).isEqualTo(halfway).isBetween(SIZE / 2L, SIZE - 1L);
      sendAll(resumed);

      assertStoredAsOriginal(gateway, app, resumed.getUploadURL().toURI(), file);
      String metrics =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          URI.create(gateway.managementUrl() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(meter(metrics, "intake_uploads_initiated_total")).isEqualTo(1);
      assertThat(meter(metrics, "intake_uploads_completed_total")).isEqualTo(1);
      assertThat(meter(metrics, "intake_upload_received_bytes_total")).isEqualTo(SIZE);
    }
  }

  @Test
  void theResumeMayLandOnAnotherGatewayInstance() throws Exception {
    String prefix = TestRedis.freshPrefix();
    byte[] file = UploadClient.mp4(SIZE, 2);
    TusURLMemoryStore urls = new TusURLMemoryStore();
    try (TestGateway a = TestGateway.startOn(prefix, yaml());
        TestGateway b = TestGateway.startOn(prefix, yaml())) {
      UploadClient viaA = new UploadClient(a.baseUrl(), "citizen-2");
      UploadClient viaB = new UploadClient(b.baseUrl(), "citizen-2");
      TusUploader first = viaA.tus(urls).createUpload(upload(file));
      sendUntilHalf(first);
      long halfway = first.getOffset();
      first.finish(false);

      // the stored URL points at instance A: resume from the same path on instance B
      URI onA = first.getUploadURL().toURI();
      URI onB = URI.create(b.baseUrl() + onA.getPath());
      TusClient client = viaB.tus(urls);
      TusUploader resumed = client.beginOrResumeUploadFromURL(upload(file), onB.toURL());
      assertThat(resumed.getOffset()).isEqualTo(halfway);
      sendAll(resumed);

      assertStoredAsOriginal(b, viaB, onB, file);
    }
  }

  private void assertStoredAsOriginal(
      TestGateway gateway, UploadClient app, URI upload, byte[] file) throws Exception {
    HttpResponse<String> head = app.send("HEAD", upload.toString(), null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Upload-Offset")).contains(Integer.toString(SIZE));
    String mediaId = head.headers().firstValue("Upload-Media-Id").orElseThrow();

    Map<String, String> record = hash(gateway.prefix() + ":{media}:m:" + mediaId);
    assertThat(record.get("sha256")).isEqualTo(FileMediaStore.sha256(file));
    assertThat(record.get("size")).isEqualTo(Integer.toString(SIZE));
    assertThat(record.get("type")).isEqualTo("video/mp4");
    Path stored = Path.of(URI.create(record.get("uri")));
    assertThat(FileMediaStore.sha256(Files.readAllBytes(stored))).isEqualTo(record.get("sha256"));
    assertThat(staging).isEmptyDirectory();
  }

  static double meter(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst()
        .orElse(-1);
  }

  static Map<String, String> hash(String key) {
    Map<String, String> out = new java.util.HashMap<>();
    var r = TestRedis.call(Command.HGETALL, key);
    for (String k : r.getKeys()) {
      out.put(k, r.get(k).toString());
    }
    return out;
  }

  private String yaml() {
    return UploadClient.APP_AUTH_YAML + "media:\n  stagingDir: " + staging + "\n";
  }

  static TusUpload upload(byte[] file) {
    TusUpload upload = new TusUpload();
    upload.setSize(file.length);
    upload.setInputStream(new ByteArrayInputStream(file));
    upload.setFingerprint("clip-" + file.length + "-" + file[100]);
    upload.setMetadata(Map.of("filename", "clip.mp4", "filetype", "video/mp4"));
    return upload;
  }

  private static void sendUntilHalf(TusUploader uploader) throws Exception {
    uploader.setChunkSize(64 * 1024);
    uploader.setRequestPayloadSize(512 * 1024);
    while (uploader.getOffset() < SIZE / 2 && uploader.uploadChunk() > -1) {
      // keep sending
    }
  }

  private static void sendAll(TusUploader uploader) throws Exception {
    uploader.setChunkSize(64 * 1024);
    uploader.setRequestPayloadSize(1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
  }
}
