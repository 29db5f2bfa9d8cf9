package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The webhook channel end to end: real HTTP, real Redis, the atomic accept script. */
@Tag("cluster")
class WebhookIntakeIT {

  static final String SUBMISSION =
      "{\"appealType\":\"投诉\",\"text\":\"小区停水三天了\","
          + "\"citizen\":{\"phone\":\"13800138000\",\"name\":\"张三\"},"
          + "\"location\":{\"address\":\"朝阳区某街道\",\"regionCode\":\"110105\"}}";

  static TestGateway gateway;
  static WebhookClient client;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start();
    client = gateway.webhooks();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aNewSubmissionIsAcceptedWithTicketIdAndTrackingNumber() {
    HttpResponse<String> response = client.post(SUBMISSION);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("accepted");
    assertThat(body.getString("messageId")).isNotBlank();
    assertThat(body.getString("ticketId")).isNotBlank().isNotEqualTo(body.getString("messageId"));
    assertThat(body.getString("trackingNumber")).matches("\\d{15}");
  }

  @Test
  void fiftyConcurrentDeliveriesOfOneWebhookBecomeOneMessageAndOneTicket() throws Exception {
    try (TestGateway own = TestGateway.start()) {
      WebhookClient partner = own.webhooks();
      String id = WebhookClient.newId();
      byte[] body = SUBMISSION.getBytes(StandardCharsets.UTF_8);
      long now = Instant.now().getEpochSecond();
      HttpRequest request = partner.signed(id, now, body, partner.signature(id, now, body)).build();
      ExecutorService pool = Executors.newFixedThreadPool(50);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      try {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          calls.add(() -> WebhookClient.send(request));
        }
        answers.addAll(pool.invokeAll(calls));
      } finally {
        pool.shutdown();
      }

      List<String> ticketIds = new ArrayList<>();
      int accepted = 0;
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> r = answer.get();
        assertThat(r.statusCode()).isIn(200, 202);
        accepted += r.statusCode() == 202 ? 1 : 0;
        ticketIds.add(new JsonObject(r.body()).getString("ticketId"));
      }
      assertThat(accepted).isEqualTo(1);
      assertThat(ticketIds).hasSize(50).containsOnly(ticketIds.get(0));
      assertThat(TestRedis.streamLength(own.keys().messages(0))).isEqualTo(1);
      assertThat(TestRedis.streamLength(own.keys().tickets(0))).isEqualTo(1);
    }
  }

  @Test
  void everyEventWrittenToTheStreamsValidatesAgainstItsSchemaAndAsACloudEvent() throws Exception {
    try (TestGateway own = TestGateway.start()) {
      own.webhooks().post(SUBMISSION);
      own.webhooks().post("{\"text\":\"匿名反映：路灯不亮\"}");
      own.webhooks()
          .post(
              "{\"appealType\":\"suggestion\",\"text\":\"建议增加公交线路\","
                  + "\"location\":{\"latitude\":39.9,\"longitude\":116.4},"
                  + "\"attachments\":[{\"url\":\"https://files.example.cn/a.jpg\","
                  + "\"mediaType\":\"image/jpeg\",\"size\":1024}]}");

      List<String> events = new ArrayList<>(TestRedis.events(own.keys().messages(0)));
      events.addAll(TestRedis.events(own.keys().tickets(0)));

      assertThat(events).hasSize(6);
      events.forEach(EventSchemas::assertValid);
      assertThat(String.join("\n", events)).doesNotContain("13800138000", "张三");
    }
  }

  @Test
  void aRedisThatLostItsScriptCacheStillAccepts() {
    TestRedis.call(Command.SCRIPT, "FLUSH");

    HttpResponse<String> response = client.post(SUBMISSION);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(client.post(SUBMISSION).statusCode()).isEqualTo(202);
  }

  @Test
  void aRetryIsAnsweredWithTheOriginalIds() {
    String id = WebhookClient.newId();
    JsonObject first = new JsonObject(client.post(id, SUBMISSION).body());
    HttpResponse<String> retry = client.post(id, SUBMISSION);

    assertThat(retry.statusCode()).isEqualTo(200);
    JsonObject again = new JsonObject(retry.body());
    assertThat(again.getString("status")).isEqualTo("duplicate");
    assertThat(again.getString("messageId")).isEqualTo(first.getString("messageId"));
    assertThat(again.getString("ticketId")).isEqualTo(first.getString("ticketId"));
    assertThat(again.getString("trackingNumber")).isEqualTo(first.getString("trackingNumber"));
  }

  @Test
  void everyRefusalAnswersItsStatusAndCodeAndWritesNothing() throws IOException {
    try (TestGateway own = TestGateway.start()) {
      WebhookClient partner = own.webhooks();
      byte[] body = SUBMISSION.getBytes(StandardCharsets.UTF_8);
      long now = Instant.now().getEpochSecond();
      String id = WebhookClient.newId();
      String good = partner.signature(id, now, body);

      assertRefused(
          partner.signed(id, now, body, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").build(),
          401,
          "invalid_signature");
      long stale = now - 600;
      assertRefused(
          partner.signed(id, stale, body, partner.signature(id, stale, body)).build(),
          401,
          "stale_timestamp");
      assertRefused(
          HttpRequest.newBuilder(URI.create(own.baseUrl() + "/channels/webhook/nobody"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          404,
          "unknown_source");
      byte[] broken = "{\"text\": \"停水".getBytes(StandardCharsets.UTF_8);
      assertRefused(
          partner.signed(id, now, broken, partner.signature(id, now, broken)).build(),
          400,
          "malformed_json");
      byte[] huge = ("{\"text\":\"" + "水".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
      assertRefused(
          partner.signed(id, now, huge, partner.signature(id, now, huge)).build(),
          413,
          "body_too_large");
      assertRefused(
          partner.signed(id, now, body, good).setHeader("Content-Type", "text/plain").build(),
          415,
          "unsupported_media_type");

      assertThat(TestRedis.keys(own.prefix())).isEmpty();
    }
  }

  private static void assertRefused(HttpRequest request, int status, String code) {
    HttpResponse<String> response = WebhookClient.send(request);
    assertThat(response.statusCode()).as(code).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("detail")).isNotBlank();
  }
}
