package cn.gov12345.intake.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Posts app submissions to a test gateway the way the mobile app does: JWT + Idempotency-Key. */
public final class AppClient {

  public static final String SUBMISSIONS = "/channels/app/v1/submissions";

  private final String baseUrl;

  public AppClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The settings a test gateway needs to take tokens of {@link AppTokens} (HS256). */
  public static String hs256Yaml() {
    return "channels:\n  app:\n    auth:\n      hs256Secret: "
        + AppTokens.HS256_SECRET
        + "\n      issuer: "
        + AppTokens.ISSUER
        + "\n";
  }

  /** A fresh Idempotency-Key. */
  public static String newKey() {
    return UUID.randomUUID().toString();
  }

  /** A valid token of an app user, issued now. */
  public static String token(String subject) {
    return AppTokens.hs256(
        AppTokens.HS256_SECRET, AppTokens.claims(subject, Instant.now()).build());
  }

  /** Posts a submission of {@code subject} with a valid token. */
  public HttpResponse<String> submit(String subject, String key, String json) {
    return send(request(token(subject), key, json.getBytes(StandardCharsets.UTF_8)).build());
  }

  /** A request builder with the given token, key and body, to be altered by hostile tests. */
  public HttpRequest.Builder request(String token, String key, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + SUBMISSIONS))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return b;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  public static HttpResponse<String> send(HttpRequest request) {
    return WebhookClient.send(request);
  }
}
