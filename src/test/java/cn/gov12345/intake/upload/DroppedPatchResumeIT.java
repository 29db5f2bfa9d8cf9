package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.media.FileMediaStore;
import cn.gov12345.intake.support.CuttingProxy;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.UploadClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone's connection drops in the middle of a PATCH and the tus client resumes at once: the HEAD
 * it asks first must answer the offset the interrupted PATCH finally committed (not one that is
 * still moving), and the PATCH from there must be accepted. When the old connection neither sends
 * nor closes (a phone that changed networks), the HEAD asks its PATCH to stop and answers where it
 * stopped.
 */
class DroppedPatchResumeIT {

  static final int ROUNDS = 20;
  static final int SIZE = 2 * 1024 * 1024;

  @TempDir Path staging;

  @Test
  void aResumeRightAfterAConnectionDroppedMidPatchSucceedsEveryTime() throws Exception {
    String yaml = UploadClient.APP_AUTH_YAML + "media:\n  stagingDir: " + staging + "\n";
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC());
        CuttingProxy proxy = new CuttingProxy(URI.create(gateway.baseUrl()).getPort())) {
      UploadClient app = new UploadClient(proxy.baseUrl(), "citizen-on-a-train");
      List<String> failures = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        byte[] file = UploadClient.mp4(SIZE + round * 777, 100 + round);
        TusURLMemoryStore urls = new TusURLMemoryStore();
        TusUploader first = app.tus(urls).createUpload(upload(file, round));
        proxy.cutAfter(600 * 1024 + round * 40_961L);
        dropMidPatch(first, file.length);
        assertThat(proxy.cut()).as("round %d: the PATCH was cut", round).isTrue();

        try {
          TusUploader resumed = app.tus(urls).resumeUpload(upload(file, round));
          long from = resumed.getOffset();
          sendAll(resumed, file.length);
          assertStored(gateway, app, resumed.getUploadURL().toURI(), file);
          assertThat(from).isLessThan(file.length);
        } catch (IOException | io.tus.java.client.ProtocolException e) {
          failures.add("round " + round + ": " + e);
        }
      }
      assertThat(failures).isEmpty();
    }
  }

  @Test
  void aResumeTakesOverFromAPatchWhoseClientWentSilentWithoutClosing() throws Exception {
    String yaml = UploadClient.APP_AUTH_YAML + "media:\n  stagingDir: " + staging + "\n";
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC())) {
      UploadClient app = new UploadClient(gateway.baseUrl(), "citizen-in-a-tunnel");
      byte[] file = UploadClient.mp4(SIZE, 7);
      String path = app.create(file.length, UploadClient.metadata("clip.mp4", "video/mp4"));
      Path staged = staging.resolve(path.substring(path.lastIndexOf('/') + 1));
      int sent = 300_000;
      // the phone changed networks: its old connection neither sends nor closes
      try (Socket silent = new Socket("127.0.0.1", URI.create(gateway.baseUrl()).getPort())) {
        OutputStream out = silent.getOutputStream();
        out.write(patchHead(app, path, file.length).getBytes(StandardCharsets.US_ASCII));
        out.write(file, 0, sent);
        out.flush();
        Eventually.await(Duration.ofSeconds(10), () -> assertThat(staged).hasSize(sent));

        TusURLMemoryStore urls = new TusURLMemoryStore();
        urls.set("silent", new URL(gateway.baseUrl() + path));
        TusUpload upload = upload(file, 0);
        upload.setFingerprint("silent");
        TusUploader resumed = app.tus(urls).resumeUpload(upload);
        assertThat(resumed.getOffset()).isEqualTo(sent);
        sendAll(resumed, file.length);
        assertStored(gateway, app, resumed.getUploadURL().toURI(), file);
      }
    }
  }

  private static String patchHead(UploadClient app, String path, int length) {
    String token =
        app.send("HEAD", path, null).request().headers().firstValue("Authorization").orElseThrow();
    return "PATCH "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\nAuthorization: "
        + token
        + "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
        + "Content-Length: "
        + length
        + "\r\n\r\n";
  }

  private static void dropMidPatch(TusUploader uploader, int size) {
    uploader.setChunkSize(64 * 1024);
    uploader.setRequestPayloadSize(size);
    try {
      while (uploader.uploadChunk() > -1) {
        // keep sending until the connection drops
      }
      uploader.finish();
    } catch (IOException | io.tus.java.client.ProtocolException expected) {
      // the connection dropped
    }
  }

  private static void sendAll(TusUploader uploader, int size) throws Exception {
    uploader.setChunkSize(64 * 1024);
    uploader.setRequestPayloadSize(size);
    while (uploader.getOffset() < size && uploader.uploadChunk() > -1) {
      // keep sending (no empty PATCH after the last byte)
    }
    uploader.finish();
  }

  private static void assertStored(TestGateway gateway, UploadClient app, URI upload, byte[] file)
      throws IOException {
    HttpResponse<String> head = app.send("HEAD", upload.toString(), null);
    assertThat(head.headers().firstValue("Upload-Offset")).contains(Integer.toString(file.length));
    String mediaId = head.headers().firstValue("Upload-Media-Id").orElseThrow();
    Map<String, String> record = ResumableUploadIT.hash(gateway.prefix() + ":{media}:m:" + mediaId);
    Path stored = Path.of(URI.create(record.get("uri")));
    assertThat(FileMediaStore.sha256(Files.readAllBytes(stored)))
        .isEqualTo(FileMediaStore.sha256(file));
  }

  private static TusUpload upload(byte[] file, int round) {
    TusUpload upload = new TusUpload();
    upload.setSize(file.length);
    upload.setInputStream(new ByteArrayInputStream(file));
    upload.setFingerprint("dropped-" + round);
    upload.setMetadata(Map.of("filename", "clip.mp4", "filetype", "video/mp4"));
    return upload;
  }
}
