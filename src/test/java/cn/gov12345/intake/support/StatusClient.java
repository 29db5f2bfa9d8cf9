package cn.gov12345.intake.support;

import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * What a downstream system and a citizen do against the status APIs of a test gateway: signed or
 * API-key status reports, lookups. The gateway needs {@link #YAML} (destination {@code work-orders}
 * signing with {@link TestDestinations#SECRET}, pull consumer {@code dispatch} with {@link
 * #CONSUMER_KEY}).
 */
public final class StatusClient {

  /** The pull API key of consumer {@code dispatch}. */
  public static final String CONSUMER_KEY = "test-status-dispatch-key-0123456789";

  /** Config: one push destination (nothing listens there) and one pull consumer. */
  public static final String YAML =
      TestDestinations.delivery(
              TestDestinations.destination(
                  "work-orders",
                  "http://127.0.0.1:9/hooks",
                  "eventTypes: [cn.gov12345.intake.ticket.status.v1]",
                  "retrySchedule: [0s, 1h]"))
          + "pull:\n"
          + "  consumers:\n"
          + "    dispatch:\n"
          + "      keySha256: "
          + PullConsumerConfig.sha256Hex(CONSUMER_KEY)
          + "\n";

  private final String baseUrl;
  private final byte[] key =
      Base64.getDecoder().decode(TestDestinations.SECRET.substring("whsec_".length()));

  public StatusClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A status report signed by {@code work-orders} now, with a new webhook-id. */
  public HttpResponse<String> report(String ticketId, String json) {
    return report(ticketId, WebhookClient.newId(), json);
  }

  /**
   * A status report signed by {@code work-orders} now; a JSON object body gets the {@code ticketId}
   * a signed report must name (unless it names one itself).
   */
  public HttpResponse<String> report(String ticketId, String webhookId, String json) {
    byte[] body = named(ticketId, json).getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    return WebhookClient.send(
        signed(ticketId, webhookId, now, body, StandardWebhooks.sign(key, webhookId, now, body))
            .build());
  }

  /** The body with {@code "ticketId"} first, when it is an object that does not name one. */
  public static String named(String ticketId, String json) {
    if (!json.startsWith("{\"") || json.contains("\"ticketId\"")) {
      return json;
    }
    return "{\"ticketId\":\"" + ticketId + "\"," + json.substring(1);
  }

  /** A request with the three signature headers, to be altered by hostile tests. */
  public HttpRequest.Builder signed(
      String ticketId, String webhookId, long timestamp, byte[] body, String signature) {
    return unsigned(ticketId, body)
        .header(StandardWebhooks.HEADER_ID, webhookId)
        .header(StandardWebhooks.HEADER_TIMESTAMP, Long.toString(timestamp))
        .header(StandardWebhooks.HEADER_SIGNATURE, signature);
  }

  /** A report without any credentials. */
  public HttpRequest.Builder unsigned(String ticketId, byte[] body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tickets/" + ticketId + "/status"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** The valid signature of a body by {@code work-orders}. */
  public String signature(String webhookId, long timestamp, byte[] body) {
    return StandardWebhooks.sign(key, webhookId, timestamp, body);
  }

  /** A lookup from this client's address. */
  public HttpResponse<String> lookup(String trackingNumber, String queryCode) {
    return lookup(trackingNumber, queryCode, "test-lookup");
  }

  /** A lookup with a chosen X-Request-Id (so two answers can be compared byte for byte). */
  public HttpResponse<String> lookup(String trackingNumber, String queryCode, String requestId) {
    String body =
        new JsonObject().put("trackingNumber", trackingNumber).put("queryCode", queryCode).encode();
    return WebhookClient.send(
        lookupRequest(body.getBytes(StandardCharsets.UTF_8))
            .header("X-Request-Id", requestId)
            .build());
  }

  /** A lookup request with any body. */
  public HttpRequest.Builder lookupRequest(byte[] body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/lookup"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }
}
