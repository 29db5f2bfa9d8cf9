package cn.gov12345.intake.support;

import cn.gov12345.intake.signing.StandardWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Signs and posts Standard Webhooks to a test gateway, the way a partner system would. */
public final class WebhookClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;
  private final String source;
  private final byte[] key;

  public WebhookClient(String baseUrl, String source, String whsecSecret) {
    this.baseUrl = baseUrl;
    this.source = source;
    this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
  }

  /** A fresh {@code webhook-id}. */
  public static String newId() {
    return "msg_" + UUID.randomUUID();
  }

  /** Posts a correctly signed body now with a new id. */
  public HttpResponse<String> post(String json) {
    return post(newId(), json);
  }

  /** Posts a correctly signed body now. */
  public HttpResponse<String> post(String id, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    return send(signed(id, now, body, StandardWebhooks.sign(key, id, now, body)).build());
  }

  /** A request builder carrying the three headers and the body, to be altered by hostile tests. */
  public HttpRequest.Builder signed(String id, long timestamp, byte[] body, String signature) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/channels/webhook/" + source))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header(StandardWebhooks.HEADER_ID, id)
        .header(StandardWebhooks.HEADER_TIMESTAMP, Long.toString(timestamp))
        .header(StandardWebhooks.HEADER_SIGNATURE, signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** The valid signature of a body. */
  public String signature(String id, long timestamp, byte[] body) {
    return StandardWebhooks.sign(key, id, timestamp, body);
  }

  /** Sends any request. */
  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
