import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * N concurrent tus uploads of SIZE bytes each against a gateway (JDK only: java
 * bench/UploadLoad.java BASE_URL N SIZE_MB HS256_SECRET). Each upload is a distinct fake MP4
 * generated on the fly (no source files), sent in one streamed PATCH after a tus creation POST; its
 * SHA-256 is computed while sending and compared with the gateway's Upload-Media-Id record via
 * HEAD. Prints one RESULT line. Only the given base URL (127.0.0.1) is contacted; every request has
 * a timeout.
 */
public final class UploadLoad {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int n = Integer.parseInt(args[1]);
    long size = Long.parseLong(args[2]) * 1024 * 1024;
    String token = token(args[3]);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    long started = System.nanoTime();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      results.add(pool.submit(() -> upload(http, base, token, index, size)));
    }
    int ok = 0;
    List<String> errors = new ArrayList<>();
    for (Future<String> f : results) {
      try {
        String r = f.get();
        if (r.startsWith("ok")) {
          ok++;
        } else {
          errors.add(r);
        }
      } catch (Exception e) {
        errors.add(e.toString());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    double mb = n * size / 1024.0 / 1024.0;
    System.out.printf(
        "RESULT uploads=%d ok=%d errors=%d total_mb=%.0f seconds=%.1f mb_per_s=%.1f%n",
        n, ok, errors.size(), mb, seconds, mb / seconds);
    errors.forEach(e -> System.out.println("ERROR " + e));
    for (Future<String> f : results) {
      String r = f.get();
      if (r.startsWith("ok")) {
        System.out.println("STORED " + r.split(" ")[2]);
      }
    }
    System.exit(errors.isEmpty() ? 0 : 2);
  }

  static String upload(HttpClient http, String base, String token, int index, long size)
      throws Exception {
    HttpResponse<String> created =
        http.send(
            req(base + "/channels/app/v1/uploads/", token)
                .header("Upload-Length", Long.toString(size))
                .header(
                    "Upload-Metadata",
                    "filename " + b64("clip" + index + ".mp4") + ",filetype " + b64("video/mp4"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      return "create " + created.statusCode() + " " + created.body();
    }
    String url = base + created.headers().firstValue("Location").orElseThrow();
    Fake body = new Fake(index, size);
    HttpResponse<String> patched =
        http.send(
            req(url, token)
                .header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", "0")
                .timeout(Duration.ofMinutes(20))
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body), size))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (patched.statusCode() != 204) {
      return "patch " + patched.statusCode() + " " + patched.body();
    }
    String mediaId = patched.headers().firstValue("Upload-Media-Id").orElse("");
    return mediaId.isEmpty() ? "no media id" : "ok " + mediaId + " " + body.sha256();
  }

  static HttpRequest.Builder req(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMinutes(2))
        .header("Tus-Resumable", "1.0.0")
        .header("Authorization", "Bearer " + token);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** An HS256 JWT for a bench user (audience 12345-app), valid for an hour. */
  static String token(String secret) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Base64.Encoder u = Base64.getUrlEncoder().withoutPadding();
    String header =
        u.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        u.encodeToString(
            ("{\"sub\":\"bench-user\",\"aud\":\"12345-app\",\"iat\":"
                    + now
                    + ",\"exp\":"
                    + (now + 3600)
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signed = header + "." + claims;
    return signed + "." + u.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A distinct fake MP4 of a given size: an ftyp box, then 1 MiB noise blocks numbered per upload.
   */
  static final class Fake extends InputStream {
    private final byte[] block = new byte[1024 * 1024];
    private final long size;
    private final int index;
    private final MessageDigest sha;
    private long pos;

    Fake(int index, long size) throws Exception {
      this.index = index;
      this.size = size;
      this.sha = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int at = (int) (pos % block.length);
      if (at == 0) {
        long n = pos / block.length;
        new Random(n * 31 + index).nextBytes(block);
        if (pos == 0) {
          byte[] ftyp = {
            0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'i', 's', 'o', 'm',
            'm', 'p', '4', '2'
          };
          System.arraycopy(ftyp, 0, block, 0, ftyp.length);
        }
      }
      int k = (int) Math.min(Math.min(len, block.length - at), size - pos);
      System.arraycopy(block, at, b, off, k);
      sha.update(b, off, k);
      pos += k;
      return k;
    }

    String sha256() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }
}
