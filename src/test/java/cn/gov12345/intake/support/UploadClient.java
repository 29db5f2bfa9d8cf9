package cn.gov12345.intake.support;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Talks tus to a test gateway as an app user: a tus Java client, or raw requests for the cases a
 * well-behaved client never sends.
 */
public final class UploadClient {

  /** YAML that makes the test gateway accept {@link AppTokens#hs256} tokens. */
  public static final String APP_AUTH_YAML =
      "channels:\n  app:\n    auth:\n      hs256Secret: " + AppTokens.HS256_SECRET + "\n";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String token;

  public UploadClient(String baseUrl, String subject) {
    this.baseUrl = baseUrl;
    this.token =
        AppTokens.hs256(AppTokens.HS256_SECRET, AppTokens.claims(subject, Instant.now()).build());
  }

  public String creationUrl() {
    return baseUrl + "/channels/app/v1/uploads/";
  }

  /** A tus client for this user with a shared in-memory URL store (so uploads can resume). */
  public TusClient tus(TusURLMemoryStore store) {
    try {
      TusClient client = new TusClient();
      client.setUploadCreationURL(new URL(creationUrl()));
      client.enableResuming(store);
      client.setHeaders(Map.of("Authorization", "Bearer " + token));
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A raw request with the tus version and this user's token (unless headers say otherwise). */
  public HttpResponse<String> send(String method, String url, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : baseUrl + url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Tus-Resumable", "1.0.0")
            .header("Authorization", "Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw PATCH of {@code body} at {@code offset}, with more headers when given. */
  public HttpResponse<String> patch(String path, long offset, byte[] body, String... headers) {
    String[] all = new String[headers.length + 4];
    all[0] = "Content-Type";
    all[1] = "application/offset+octet-stream";
    all[2] = "Upload-Offset";
    all[3] = Long.toString(offset);
    System.arraycopy(headers, 0, all, 4, headers.length);
    return send("PATCH", path, body, all);
  }

  /** Creates an upload with raw requests; returns its path. */
  public String create(long length, String metadata) {
    HttpResponse<String> r =
        send(
            "POST",
            "/channels/app/v1/uploads/",
            null,
            "Upload-Length",
            "" + length,
            "Upload-Metadata",
            metadata);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("creation answered " + r.statusCode() + " " + r.body());
    }
    return r.headers().firstValue("Location").orElseThrow();
  }

  /** Upload-Metadata with a file name and type. */
  public static String metadata(String filename, String filetype) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return "filename "
        + b64.encodeToString(filename.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + ",filetype "
        + b64.encodeToString(filetype.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A fake MP4 of {@code size} bytes: an ISO-BMFF ftyp box (brand mp42), then noise. */
  public static byte[] mp4(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    byte[] head = {
      0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'i', 's', 'o', 'm', 'm',
      'p', '4', '2'
    };
    System.arraycopy(head, 0, out, 0, head.length);
    return out;
  }

  /** A fake PNG of {@code size} bytes: the PNG signature and an IHDR chunk header, then noise. */
  public static byte[] png(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    byte[] head = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    System.arraycopy(head, 0, out, 0, head.length);
    return out;
  }
}
