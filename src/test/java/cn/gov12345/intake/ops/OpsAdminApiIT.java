package cn.gov12345.intake.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.http.SecurityHeaders;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the ops page calls, over HTTP: the overview (channels, destinations, Redis) and the
 * dead-letter list and inspection of the delivery admin API, all behind the admin bearer token only
 * (a cookie or no header is 401), never cached; the page itself under a strict CSP.
 */
@Tag("cluster")
class OpsAdminApiIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String DEAD = "/admin/delivery/destinations/dept/dead-letters";

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  static TestGateway gatewayWithAFailingDestination() throws Exception {
    sink.stubFor(post("/dept").willReturn(aResponse().withStatus(503)));
    return TestGateway.start(
        TestDestinations.delivery(
                TestDestinations.destination(
                    "dept", sink.baseUrl() + "/dept", "retrySchedule: [0s]"))
            .replace("delivery:\n", "delivery:\n  gaugeInterval: 100ms\n"),
        Clock.systemUTC());
  }

  @Test
  void theOverviewShowsChannelTotalsDestinationGaugesAndRedisHealth() throws Exception {
    try (TestGateway gateway = gatewayWithAFailingDestination()) {
      WebhookClient partner = gateway.webhooks();
      String id = WebhookClient.newId();
      partner.post(id, "{\"text\":\"噪音扰民\"}");
      partner.post(id, "{\"text\":\"噪音扰民\"}");
      partner.post("{\"text\":");

      Eventually.await(
          WAIT,
          () ->
              assertThat(destination(overview(gateway)).getLong("deadLetters", -1L)).isEqualTo(1));
      JsonObject overview = overview(gateway);
      JsonObject webhook = overview.getJsonObject("channels").getJsonArray("list").getJsonObject(0);
      assertThat(webhook.getString("channel")).isEqualTo("webhook");
      assertThat(webhook.getLong("accepted")).isEqualTo(1);
      assertThat(webhook.getLong("duplicate")).isEqualTo(1);
      assertThat(webhook.getLong("refused")).isEqualTo(1);
      assertThat(webhook.getDouble("acceptedPerMinute")).isPositive();
      assertThat(destination(overview).getBoolean("enabled")).isTrue();
      assertThat(destination(overview).getLong("backlog")).isZero();
      assertThat(overview.getJsonObject("redis").getString("status")).isEqualTo("UP");
    }
  }

  @Test
  void deadLettersAreListedNewestFirstAndInspectedWithTheirEvent() throws Exception {
    try (TestGateway gateway = gatewayWithAFailingDestination()) {
      gateway.webhooks().post("{\"text\":\"路灯不亮\"}");
      gateway.webhooks().post("{\"text\":\"井盖丢失\"}");
      Eventually.await(
          WAIT,
          () ->
              assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "dept")))
                  .isEqualTo(2));

      JsonArray list = admin(gateway, DEAD).getJsonArray("deadLetters");
      assertThat(list).hasSize(2);
      JsonObject newest = list.getJsonObject(0);
      assertThat(newest.getLong("deadAt"))
          .isGreaterThanOrEqualTo(list.getJsonObject(1).getLong("deadAt"));
      assertThat(newest.getString("status")).isEqualTo("503");
      assertThat(newest.getString("type")).isEqualTo("cn.gov12345.intake.ticket.opened.v1");
      assertThat(newest.containsKey("event")).as("no event in the listing").isFalse();
      assertThat(admin(gateway, DEAD + "?count=1").getJsonArray("deadLetters")).hasSize(1);

      JsonObject one =
          admin(
              gateway, DEAD + "/" + newest.getInteger("partition") + "/" + newest.getString("id"));
      assertThat(one.getJsonObject("event").getString("id")).isEqualTo(newest.getString("eventId"));
      assertThat(one.getString("eventId")).isEqualTo(newest.getString("eventId"));
    }
  }

  @Test
  void badDeadLetterRequestsAreRefusedWithStableCodes() throws Exception {
    try (TestGateway gateway = gatewayWithAFailingDestination()) {
      assertProblem(
          TestDestinations.admin(gateway, "GET", DEAD + "?count=0"), 400, "invalid_request");
      assertProblem(TestDestinations.admin(gateway, "GET", DEAD + "/0/1-0"), 404, "not_found");
      assertProblem(TestDestinations.admin(gateway, "GET", DEAD + "/7/1-0"), 404, "not_found");
      assertProblem(TestDestinations.admin(gateway, "GET", DEAD + "/0/x"), 404, "not_found");
      assertProblem(
          TestDestinations.admin(gateway, "GET", "/admin/delivery/destinations/nope/dead-letters"),
          404,
          "unknown_destination");
    }
  }

  @Test
  void onlyTheBearerHeaderCountsNeverACookie() throws Exception {
    try (TestGateway gateway = gatewayWithAFailingDestination()) {
      String url = gateway.managementUrl() + "/admin/ops/overview";
      assertProblem(TestDestinations.get(url, null), 401, "unauthorized");
      assertProblem(TestDestinations.get(url, "Bearer wrong"), 401, "unauthorized");
      HttpResponse<String> cookie =
          WebhookClient.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                  .header("Cookie", "token=" + TestDestinations.ADMIN_TOKEN)
                  .build());
      assertProblem(cookie, 401, "unauthorized");
      HttpResponse<String> ok = TestDestinations.get(url, "Bearer " + TestDestinations.ADMIN_TOKEN);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void thePageIsServedUnderTheStrictContentSecurityPolicy() throws Exception {
    try (TestGateway gateway = gatewayWithAFailingDestination()) {
      HttpResponse<String> page = TestDestinations.get(gateway.managementUrl() + "/ops", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValue(SecurityHeaders.CSP);
      assertThat(page.body()).contains("/ops/assets/ops.js").doesNotContain("<script>");
      HttpResponse<String> script =
          TestDestinations.get(gateway.managementUrl() + "/ops/assets/ops.js", null);
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.body()).contains("sessionStorage").doesNotContain("innerHTML");
    }
  }

  private static JsonObject overview(TestGateway gateway) {
    return admin(gateway, "/admin/ops/overview");
  }

  private static JsonObject destination(JsonObject overview) {
    return overview.getJsonArray("destinations").getJsonObject(0);
  }

  private static JsonObject admin(TestGateway gateway, String path) {
    HttpResponse<String> response = TestDestinations.admin(gateway, "GET", path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
  }
}
