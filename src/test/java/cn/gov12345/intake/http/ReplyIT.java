package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.RedisDump;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.TicketStream;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replies end to end on the core alone (no vendor configured): every reply reaches the callback
 * task at the end of its chain, once; the API deduplicates; status reports notify; nothing about
 * the citizen is in Redis in clear.
 */
@Tag("cluster")
class ReplyIT {

  static final String REPLIES = "replies:\n  enabled: true\n";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static TestGateway gateway;
  static StatusClient status;

  @BeforeAll
  static void start() throws Exception {
    gateway =
        TestGateway.start(
            TelephonyFixtures.yaml("https://api.twilio.com/", "") + StatusClient.YAML + REPLIES,
            Clock.systemUTC());
    status = new StatusClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aCallFromAWithheldNumberGetsACallbackTaskInsteadOfAReceipt() {
    TelephonyClient c = new TelephonyClient(gateway);
    String callId = TelephonyFixtures.sid("withheld");
    TelephonyIntakeIT.newCall(c, callId, "anonymous");
    HttpResponse<String> hangup =
        TelephonyIntakeIT.hangup(c, callId, "anonymous", "normalClearing");
    assertThat(hangup.statusCode()).isEqualTo(200);
    String ticketId = new JsonObject(hangup.body()).getString("ticketId");
    assertThat(new JsonObject(hangup.body()).getString("queryCode")).matches("\\d{8}");

    JsonObject task = Eventually.get(() -> first(ticketId, EventTypes.CALLBACK_REQUESTED));
    assertThat(task.getJsonObject("data").getString("reason")).isEqualTo("no_route");
    assertThat(task.getJsonObject("data").getString("kind")).isEqualTo("receipt");
    assertThat(task.getJsonObject("data").getString("text")).contains("查询码");
    JsonObject requested = first(ticketId, EventTypes.REPLY_REQUESTED);
    assertThat(requested.getJsonObject("data").getString("template")).isEqualTo("receipt");
    assertThat(requested.encode()).doesNotContain(task.getJsonObject("data").getString("text"));
    List.of(requested, task, first(ticketId, EventTypes.REPLY_SENT))
        .forEach(e -> EventSchemas.assertValid(e.encode()));
  }

  @Test
  void aReplyPostedTenTimesConcurrentlyWithOneIdempotencyKeyIsRequestedAndSentOnce()
      throws Exception {
    JsonObject ticket = open();
    String ticketId = ticket.getString("ticketId");

    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
    IntStream.range(0, 10)
        .forEach(i -> posts.add(HTTP.sendAsync(reply(ticketId, "same-key"), text())));
    List<HttpResponse<String>> answers = posts.stream().map(CompletableFuture::join).toList();

    assertThat(answers).allMatch(r -> r.statusCode() == 202 || r.statusCode() == 200);
    assertThat(answers.stream().filter(r -> r.statusCode() == 202)).hasSize(1);
    assertThat(answers.stream().map(r -> new JsonObject(r.body()).getString("replyId")).distinct())
        .hasSize(1);
    Eventually.get(() -> first(ticketId, EventTypes.CALLBACK_REQUESTED));
    Thread.sleep(500);
    assertThat(all(ticketId, EventTypes.REPLY_REQUESTED)).hasSize(1);
    assertThat(all(ticketId, EventTypes.CALLBACK_REQUESTED)).hasSize(1);
    assertThat(all(ticketId, EventTypes.REPLY_SENT)).hasSize(1);
  }

  @Test
  void aDispatchedReportNotifiesTheCitizenAndTheLookupListsTheReply() {
    JsonObject ticket = open();
    String ticketId = ticket.getString("ticketId");
    assertThat(
            status
                .report(ticketId, "{\"status\":\"dispatched\",\"department\":\"朝阳区水务局\"}")
                .statusCode())
        .isEqualTo(202);

    JsonObject task = Eventually.get(() -> first(ticketId, EventTypes.CALLBACK_REQUESTED));
    assertThat(task.getJsonObject("data").getString("text")).contains("朝阳区水务局", "已派单");
    assertThat(task.getJsonObject("data").getBoolean("reachableByPhone")).isTrue();
    JsonObject requested = first(ticketId, EventTypes.REPLY_REQUESTED);
    assertThat(requested.getJsonObject("data").getString("cause")).isNotNull();
    String number = ticket.getString("trackingNumber");
    Eventually.await(
        Duration.ofSeconds(5),
        () -> {
          JsonObject seen =
              new JsonObject(status.lookup(number, ticket.getString("queryCode")).body());
          assertThat(seen.getJsonArray("replies")).hasSize(1);
          assertThat(seen.getJsonArray("replies").getJsonObject(0).getString("via"))
              .isEqualTo("callback");
          assertThat(seen.getJsonArray("replies").getJsonObject(0).getString("kind"))
              .isEqualTo("progress");
        });
  }

  @Test
  void unknownTicketsUnsignedRequestsAndEmptyTextsAreRefusedAndWriteNothing() throws Exception {
    JsonObject ticket = open();
    String ticketId = ticket.getString("ticketId");
    long before = TestRedis.keys(gateway.prefix()).size();
    HttpResponse<String> unknown =
        HTTP.send(reply("0190b0b0-0000-7000-8000-000000000000", "k1"), text());
    HttpResponse<String> unsigned =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/v1/tickets/" + ticketId + "/replies"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))
                .build(),
            text());
    HttpResponse<String> empty = HTTP.send(reply(ticketId, "k2", "{\"text\":\"  \"}"), text());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("invalid_request");
    assertThat(TestRedis.keys(gateway.prefix())).hasSize((int) before);
  }

  @Test
  void noPhoneNumberIsInRedisInClear() {
    JsonObject ticket = openWithReply();
    Eventually.get(() -> first(ticket.getString("ticketId"), EventTypes.CALLBACK_REQUESTED));
    String dump = RedisDump.of(gateway.prefix());
    assertThat(dump).contains("route:" + ticket.getString("ticketId"));
    assertThat(dump).doesNotContain("13800138000", "8613800138000", "张三");
  }

  static JsonObject open() {
    HttpResponse<String> accepted =
        gateway
            .webhooks()
            .post(
                "{\"appealType\":\"投诉\",\"text\":\"小区停水三天了\","
                    + "\"citizen\":{\"phone\":\"13800138000\",\"name\":\"张三\"}}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonObject body = new JsonObject(accepted.body());
    assertThat(body.getString("queryCode")).matches("\\d{8}");
    return body;
  }

  /** A ticket with one department reply requested. */
  static JsonObject openWithReply() {
    JsonObject body = open();
    assertThat(requestReply(body.getString("ticketId")).statusCode()).isEqualTo(202);
    return body;
  }

  private static HttpResponse<String> requestReply(String ticketId) {
    try {
      return HTTP.send(reply(ticketId, "answer-" + ticketId), text());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest reply(String ticketId, String key) {
    return reply(ticketId, key, "{\"text\":\"您反映的停水问题已转水务部门。\",\"kind\":\"progress\"}");
  }

  static HttpRequest reply(String ticketId, String key, String json) {
    return HttpRequest.newBuilder(
            URI.create(gateway.baseUrl() + "/v1/tickets/" + ticketId + "/replies"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + StatusClient.CONSUMER_KEY)
        .header("Idempotency-Key", key)
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static List<JsonObject> all(String ticketId, String type) {
    return TicketStream.all(gateway, ticketId, type);
  }

  static JsonObject first(String ticketId, String type) {
    return TicketStream.first(gateway, ticketId, type);
  }
}
