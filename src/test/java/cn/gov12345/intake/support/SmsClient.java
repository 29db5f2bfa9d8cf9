package cn.gov12345.intake.support;

import cn.gov12345.intake.channel.sms.SmsFixtures;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.stream.StreamKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends inbound SMS to a test gateway as the providers do (Alibaba's SmsUp batch on the {@code
 * aliyun} test integration, the generic format on {@code gateway}) and reads one citizen's events.
 */
public final class SmsClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final DateTimeFormatter SEND_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private final String baseUrl;
  private final StreamKeys keys;
  private final GatewayConfig config;

  public SmsClient(TestGateway gateway) {
    this(gateway.baseUrl(), gateway.keys(), gateway.config());
  }

  /** A client of a gateway the test started itself. */
  public SmsClient(String baseUrl, StreamKeys keys, GatewayConfig config) {
    this.baseUrl = baseUrl;
    this.keys = keys;
    this.config = config;
  }

  /** One SmsUp entry sent now (China time) from an E.164 number; {@code sequenceId} may be null. */
  public static String entry(String phone, String text, String sequenceId) {
    return "{\"phone_number\":\""
        + phone.substring(3)
        + "\",\"send_time\":\""
        + SEND_TIME.format(Instant.now())
        + "\",\"content\":\""
        + text
        + "\",\"sign_name\":\"12345热线\",\"dest_code\":\"1234\""
        + (sequenceId == null ? "" : ",\"sequence_id\":" + sequenceId)
        + "}";
  }

  public static String batch(String... entries) {
    return "[" + String.join(",", entries) + "]";
  }

  /** A random sequence id. */
  public static String seq() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
  }

  /** A random mainland mobile number, E.164. */
  public static String phone() {
    return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  /** An SmsUp push to the {@code aliyun} integration's secret URL. */
  public HttpResponse<String> aliyun(String body) throws IOException, InterruptedException {
    return post("/channels/sms/aliyun/aliyun/" + SmsFixtures.TOKEN, body);
  }

  public HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  /** A generic-format push to {@code gateway} with the given Standard Webhooks headers. */
  public HttpRequest signed(byte[] body, String id, long at, String signature) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/channels/sms/http/gateway"))
        .header("Content-Type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(at))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  public static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Every event of one stream ({@code messages} or {@code tickets}) across the partitions. */
  public List<String> events(String stream) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      out.addAll(TestRedis.events(stream.equals("messages") ? keys.messages(p) : keys.tickets(p)));
    }
    return out;
  }

  public List<JsonNode> ticketsOf(String phone) {
    return ofCitizen("tickets", phone);
  }

  public List<JsonNode> messagesOf(String phone) {
    return ofCitizen("messages", phone);
  }

  private List<JsonNode> ofCitizen(String stream, String phone) {
    String pseudonym =
        new Pseudonymizer(config.identity().pseudonymKey().utf8())
            .pseudonym(CitizenRef.IdScheme.PHONE, phone);
    return events(stream).stream()
        .map(EventSchemas::read)
        .filter(e -> e.path("partitionkey").asText().equals(pseudonym))
        .toList();
  }
}
