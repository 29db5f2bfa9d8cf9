package cn.gov12345.intake.pull;

import static cn.gov12345.intake.pull.PullFixtures.DISPATCH_KEY;
import static cn.gov12345.intake.pull.PullFixtures.STATUS_KEY;
import static cn.gov12345.intake.pull.PullFixtures.get;
import static cn.gov12345.intake.pull.PullFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/streams/tickets}: keys, cursors across partitions, limits, type filters. */
@Tag("cluster")
class PullApiIT {

  private static final String PAGE = "/v1/streams/tickets";

  @Test
  void noKeyAWrongKeyOrAnotherSchemeIs401AndShowsNoEvent() throws Exception {
    try (TestGateway gateway = start()) {
      PullFixtures.submit(gateway, 1);
      List<HttpResponse<String>> refused =
          List.of(
              get(gateway, PAGE, null),
              get(gateway, PAGE, "not-the-key"),
              get(gateway, PAGE, DISPATCH_KEY + "x"),
              WebhookClient.send(
                  HttpRequest.newBuilder(URI.create(gateway.baseUrl() + PAGE))
                      .header("Authorization", "Basic " + DISPATCH_KEY)
                      .build()));

      for (HttpResponse<String> r : refused) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid_api_key");
        assertThat(r.body()).doesNotContain("events").doesNotContain("路灯");
      }
    }
  }

  @Test
  void aConsumerPagesThroughAThousandTicketsAcrossPartitionsEachOnceInOrder() throws Exception {
    try (TestGateway gateway = start()) {
      for (int i = 0; i < 1000; i++) {
        PullFixtures.submit(gateway, i);
      }
      List<String> expected = PullFixtures.expectedOrder(gateway);
      assertThat(expected).hasSize(1000);
      for (int p = 0; p < 3; p++) {
        assertThat(cn.gov12345.intake.support.TestRedis.streamLength(gateway.keys().tickets(p)))
            .as("partition %d is used", p)
            .isPositive();
      }

      List<String> pulled = new ArrayList<>();
      String cursor = "";
      for (int pages = 0; pages < 100; pages++) {
        JsonObject page = page(gateway, "?limit=70&after=" + cursor, DISPATCH_KEY);
        assertThat(page.getJsonArray("events").size()).isLessThanOrEqualTo(70);
        cursor = page.getString("next");
        if (page.getJsonArray("events").isEmpty()) {
          break;
        }
        pulled.addAll(ids(page));
      }

      assertThat(pulled).as("no gaps, no repeats, merged by entry id").isEqualTo(expected);
      assertThat(new HashSet<>(pulled)).hasSize(1000);

      String more = PullFixtures.submit(gateway, 5000);
      JsonObject next = page(gateway, "?after=" + cursor, DISPATCH_KEY);
      assertThat(
              next.getJsonArray("events")
                  .getJsonObject(0)
                  .getJsonObject("data")
                  .getString("ticketId"))
          .isEqualTo(more);
      assertThat(next.getJsonArray("events")).hasSize(1);
      assertThat(
              page(gateway, "?after=" + next.getString("next"), DISPATCH_KEY)
                  .getJsonArray("events"))
          .isEmpty();
    }
  }

  @Test
  void theLimitIsRespectedAndALimitOutOfRangeIs400() throws Exception {
    try (TestGateway gateway = start()) {
      for (int i = 0; i < 12; i++) {
        PullFixtures.submit(gateway, i);
      }

      assertThat(page(gateway, "?limit=5", DISPATCH_KEY).getJsonArray("events")).hasSize(5);
      assertThat(page(gateway, "", DISPATCH_KEY).getJsonArray("events")).hasSize(12);
      for (String bad : List.of("0", "-1", "1001", "ten")) {
        HttpResponse<String> r = get(gateway, PAGE + "?limit=" + bad, DISPATCH_KEY);
        assertThat(r.statusCode()).as(bad).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid_parameter");
      }
    }
  }

  @Test
  void aCursorTheGatewayDidNotIssueIs400InvalidCursor() throws Exception {
    try (TestGateway gateway = start()) {
      List<String> bad =
          List.of(
              "not*a*cursor",
              "bm90LWEtY3Vyc29y",
              b64("v1:1-0"),
              b64("v1:1-0,2-0,3-0,4-0"),
              b64("v2:1-0,2-0,3-0"),
              b64("v1:1-0,x-0,3-0"),
              b64("v1:1-0,,3-0"));
      for (String cursor : bad) {
        HttpResponse<String> r = get(gateway, PAGE + "?after=" + cursor, DISPATCH_KEY);
        assertThat(r.statusCode()).as(cursor).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid_cursor");
      }
      assertThat(get(gateway, PAGE + "?after=" + b64("v1:0-0,0-0,0-0"), DISPATCH_KEY).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aConsumerLimitedToEventTypesSeesOnlyThoseAndTheOthersSeeEverything() throws Exception {
    try (TestGateway gateway = start()) {
      for (int i = 0; i < 40; i++) {
        PullFixtures.submit(gateway, i);
      }
      PullFixtures.appendStatus(gateway, 1, "status-1");
      for (int i = 40; i < 60; i++) {
        PullFixtures.submit(gateway, i);
      }
      PullFixtures.appendStatus(gateway, 2, "status-2");

      List<String> seen = new ArrayList<>();
      String cursor = "";
      for (int pages = 0; pages < 20; pages++) {
        JsonObject page = page(gateway, "?limit=5&after=" + cursor, STATUS_KEY);
        seen.addAll(ids(page));
        cursor = page.getString("next");
        if (page.getJsonArray("events").isEmpty()) {
          break;
        }
      }
      assertThat(seen).containsExactly("status-1", "status-2");

      JsonObject all = page(gateway, "?limit=1000", DISPATCH_KEY);
      assertThat(ids(all)).hasSize(62).contains("status-1", "status-2");
    }
  }

  @Test
  void pullsAreCountedPerConsumerOnTheManagementPort() throws Exception {
    try (TestGateway gateway = start()) {
      PullFixtures.submit(gateway, 1);
      page(gateway, "", DISPATCH_KEY);
      get(gateway, PAGE, "wrong");

      String metrics =
          WebhookClient.send(
                  HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/metrics")).build())
              .body();

      assertThat(metrics)
          .contains("intake_pull_requests_total{consumer=\"dispatch\",endpoint=\"page\"} 1.0")
          .contains("intake_pull_events_total{consumer=\"dispatch\",endpoint=\"page\"} 1.0")
          .contains("intake_requests_rejected_total{channel=\"pull\",code=\"invalid_api_key\"} 1.0")
          .contains("intake_pull_read_duration_seconds_count{endpoint=\"page\"}")
          .contains("intake_pull_sse_connections{consumer=\"status-only\"} 0.0");
    }
  }

  private static TestGateway start() throws Exception {
    return TestGateway.start(PullFixtures.yaml(""), Clock.systemUTC());
  }

  private static JsonObject page(TestGateway gateway, String query, String key) {
    HttpResponse<String> r = get(gateway, PAGE + query, key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return new JsonObject(r.body());
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
