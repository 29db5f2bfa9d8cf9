package cn.gov12345.intake.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.altcha.altcha.Altcha;

/**
 * A browser's side of the web form without a browser: keeps the CSRF cookie, fetches and solves
 * proof-of-work challenges (with the ALTCHA library's own solver) and posts multipart forms. Each
 * client may claim its own address through {@code X-Forwarded-For} (the test gateway trusts
 * loopback as a proxy).
 */
public final class WebFormClient {

  /** The field name a test gives the solution under; sent as {@code X-Altcha}. */
  public static final String ALTCHA = "altcha";

  /** The field name a test gives the idempotency key under; sent as {@code Idempotency-Key}. */
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";

  private final String baseUrl;
  private final String address;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager();

  public WebFormClient(String baseUrl, String address) {
    this.baseUrl = baseUrl;
    this.address = address;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** The address this client claims (through {@code X-Forwarded-For}). */
  public String address() {
    return address;
  }

  /** A multipart file part. */
  public record Part(String field, String fileName, String contentType, byte[] bytes) {}

  /** {@code GET /channels/web/v1/challenge}: the challenge JSON with {@code csrfToken}. */
  public JsonObject challenge() {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/channels/web/v1/challenge")).GET());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("challenge answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** Solves a challenge and encodes the payload as the page does. */
  public static String solve(JsonObject c) {
    try {
      Altcha.Solution s =
          Altcha.solveChallenge(
              c.getString("challenge"),
              c.getString("salt"),
              Altcha.Algorithm.SHA256,
              c.getLong("maxnumber"),
              0);
      JsonObject payload =
          new JsonObject()
              .put("algorithm", "SHA-256")
              .put("challenge", c.getString("challenge"))
              .put("number", s.number)
              .put("salt", c.getString("salt"))
              .put("signature", c.getString("signature"));
      return Base64.getEncoder().encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("challenge not solvable", e);
    }
  }

  /** A valid form: a complaint with a description, a fresh idempotency key, a solved challenge. */
  public Map<String, String> validFields(JsonObject challenge) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("appealType", "complaint");
    fields.put("description", "小区停水三天了，请尽快处理");
    fields.put("address", "朝阳区建国路 88 号");
    fields.put(IDEMPOTENCY_KEY, newKey());
    fields.put(ALTCHA, solve(challenge));
    return fields;
  }

  public static String newKey() {
    return UUID.randomUUID().toString();
  }

  /** Posts a form with the CSRF token of the given challenge. */
  public HttpResponse<String> submit(Map<String, String> fields, List<Part> files, String csrf) {
    return submit(fields, files, csrf, null);
  }

  /**
   * Posts a form as a browser on {@code origin} does (it names its page's origin). As the page
   * does, the solution ({@code altcha} in {@code fields}) and the idempotency key ({@code
   * idempotencyKey}) travel in the head: {@code X-Altcha} and {@code Idempotency-Key}.
   */
  public HttpResponse<String> submit(
      Map<String, String> fields, List<Part> files, String csrf, String origin) {
    String boundary = "----intake" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> body = new LinkedHashMap<>(fields);
    String pow = body.remove(ALTCHA);
    String key = body.remove(IDEMPOTENCY_KEY);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + "/channels/web/v1/submissions"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, body, files)));
    if (pow != null) {
      b.header("X-Altcha", pow);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return send(b);
  }

  /** Fetches a challenge, fills a valid form and posts it (with the given photos). */
  public HttpResponse<String> submitValid(List<Part> files) {
    JsonObject c = challenge();
    return submit(validFields(c), files, csrfToken());
  }

  /** The CSRF token as the page reads it: the current value of the CSRF cookie. */
  public String csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("intake_csrf"))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Any GET on the gateway, with this client's cookies and address. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  static byte[] multipart(String boundary, Map<String, String> fields, List<Part> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            write(
                out,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n",
                value.getBytes(StandardCharsets.UTF_8)));
    for (Part p : new ArrayList<>(files)) {
      write(
          out,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + p.field()
              + "\"; filename=\""
              + p.fileName()
              + "\"\r\nContent-Type: "
              + p.contentType()
              + "\r\n\r\n",
          p.bytes());
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String head, byte[] body) {
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(
          b.header("X-Forwarded-For", address).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
