package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Open311 and the one idempotency rule (IETF httpapi Idempotency-Key draft), as the status reports
 * and app submissions follow it: a retry with the same key and body is one ticket with the original
 * answer, the same key with another body is 422 {@code idempotency_key_reused} and writes nothing,
 * and a key belongs to its client.
 */
@Tag("cluster")
class Open311IdempotencyIT {

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(Open311IT.yaml(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void anIdempotencyKeyMakesRetriesOneTicket() {
    String form = Open311IT.form("小区停水五天了");
    HttpResponse<String> keyed = postWithKey(form, "retry-1");
    HttpResponse<String> keyedAgain = postWithKey(form, "retry-1");
    HttpResponse<String> otherKey = postWithKey(form, "retry-2");

    assertThat(keyed.statusCode()).isEqualTo(201);
    assertThat(keyedAgain.statusCode()).isEqualTo(200);
    assertThat(Open311IT.id(keyedAgain)).isEqualTo(Open311IT.id(keyed));
    assertThat(otherKey.statusCode()).isEqualTo(201);
    assertThat(Open311IT.id(otherKey)).isNotEqualTo(Open311IT.id(keyed));
  }

  @Test
  void aReusedIdempotencyKeyWithAnotherBodyIs422AndWritesNothingTheSameBodyTheOriginal() {
    HttpResponse<String> first = postWithKey(Open311IT.form("路灯坏了"), "reuse-1");
    long tickets = TestRedis.streamLength(gateway.keys().tickets(0));
    long messages = TestRedis.streamLength(gateway.keys().messages(0));

    HttpResponse<String> changed = postWithKey(Open311IT.form("路灯坏了三天了"), "reuse-1");
    HttpResponse<String> changedXml =
        WebhookClient.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/open311/v2/requests.xml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", "reuse-1")
                .POST(HttpRequest.BodyPublishers.ofString(Open311IT.form("另一件事")))
                .build());
    HttpResponse<String> same = postWithKey(Open311IT.form("路灯坏了"), "reuse-1");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(422);
    JsonObject error = new JsonArray(changed.body()).getJsonObject(0);
    assertThat(error.getInteger("code")).isEqualTo(422);
    assertThat(error.getString("description")).startsWith("idempotency_key_reused: ");
    assertThat(changedXml.statusCode()).isEqualTo(422);
    assertThat(TestRedis.streamLength(gateway.keys().tickets(0))).isEqualTo(tickets);
    assertThat(TestRedis.streamLength(gateway.keys().messages(0))).isEqualTo(messages);
    assertThat(same.statusCode()).as("the original answer").isEqualTo(200);
    assertThat(Open311IT.id(same)).isEqualTo(Open311IT.id(first));
    assertThat(Open311IT.queryCode(Open311IT.notice(same)))
        .isEqualTo(Open311IT.queryCode(Open311IT.notice(first)));
  }

  @Test
  void anIdempotencyKeyIsScopedToItsClient() {
    String mine = Open311IT.form("井盖丢了");
    HttpResponse<String> first = postWithKey(mine, "shared-key");
    HttpResponse<String> otherClient =
        postWithKey(
            Open311IT.form("井盖丢了两个").replace(Open311IT.KEY, Open311IT.OTHER_KEY), "shared-key");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(otherClient.statusCode()).as(otherClient.body()).isEqualTo(201);
  }

  private static HttpResponse<String> postWithKey(String form, String key) {
    return WebhookClient.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/open311/v2/requests.json"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.ISO_8859_1))
            .build());
  }
}
