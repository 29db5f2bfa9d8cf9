package cn.gov12345.intake.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dead workers, failing destinations and the operator's tools. */
class DeliveryRecoveryIT {

  static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  static List<LoggedRequest> received(String path) {
    return TestDestinations.received(sink, path);
  }

  @Test
  void anEntryHeldByAWorkerThatDiedIsReclaimedAndDelivered() throws Exception {
    sink.stubFor(post("/reclaim").willReturn(aResponse()));
    String prefix = TestRedis.freshPrefix();
    StreamKeys keys = new StreamKeys(prefix, 1);
    String event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", "evt-held-by-a-dead-worker")
            .put("type", EventTypes.TICKET_OPENED)
            .put("data", new JsonObject().put("text", "路面塌陷"))
            .encode();
    TestRedis.call(Command.XGROUP, "CREATE", keys.tickets(0), "delivery:reclaim", "$", "MKSTREAM");
    TestRedis.call(
        Command.XADD, keys.tickets(0), "*", "type", EventTypes.TICKET_OPENED, "event", event);
    TestRedis.call(
        Command.XREADGROUP,
        "GROUP",
        "delivery:reclaim",
        "dead-worker",
        "COUNT",
        "1",
        "STREAMS",
        keys.tickets(0),
        ">");

    try (TestGateway gateway =
        TestGateway.startOn(
            prefix,
            TestDestinations.delivery(
                TestDestinations.destination(
                    "reclaim", sink.baseUrl() + "/reclaim", "requestTimeout: 300ms")))) {
      Eventually.await(WAIT, () -> assertThat(received("/reclaim")).hasSize(1));
      assertThat(received("/reclaim").get(0).getHeader(StandardWebhooks.HEADER_ID))
          .isEqualTo("evt-held-by-a-dead-worker");
      assertThat(received("/reclaim").get(0).getBodyAsString()).isEqualTo(event);
      Eventually.await(
          WAIT,
          () ->
              assertThat(
                      TestRedis.call(Command.XPENDING, keys.tickets(0), "delivery:reclaim")
                          .get(0)
                          .toLong())
                  .isZero());
      Thread.sleep(700);
      assertThat(received("/reclaim")).as("reclaimed once, not again").hasSize(1);
    }
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndOnlyProbesWhileOpen() throws Exception {
    sink.stubFor(post("/failing").willReturn(aResponse().withStatus(500)));
    String yaml =
        TestDestinations.delivery(
                TestDestinations.destination(
                    "failing",
                    sink.baseUrl() + "/failing",
                    "maxConcurrency: 1",
                    "retrySchedule: [0s, 1h]"))
            .replace("failures: 100", "failures: 3")
            .replace("probeAfter: 300ms", "probeAfter: 1500ms");
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC())) {
      for (int i = 0; i < 10; i++) {
        gateway.webhooks().post("{\"text\":\"第" + i + "件：停电\"}");
      }
      Eventually.await(WAIT, () -> assertThat(received("/failing")).hasSize(3));
      assertThat(describe(gateway, "failing").getString("breaker")).isEqualTo("OPEN");

      Thread.sleep(1000);
      assertThat(received("/failing")).as("nothing while open").hasSize(3);
      Eventually.await(WAIT, () -> assertThat(received("/failing")).hasSize(4));
      Thread.sleep(300);
      assertThat(received("/failing")).as("one probe, which failed: open again").hasSize(4);
      assertThat(describe(gateway, "failing").getString("breaker")).isEqualTo("OPEN");
      assertThat(describe(gateway, "failing").getLong("lagMillis")).isPositive();

      sink.stubFor(post("/failing").willReturn(aResponse().withStatus(200)));
      Eventually.await(
          WAIT, () -> assertThat(received("/failing")).as("the other six tickets").hasSize(10));
      JsonObject closed = describe(gateway, "failing");
      assertThat(closed.getString("breaker")).isEqualTo("CLOSED");
      assertThat(closed.getLong("retryScheduled"))
          .as("the four that failed, due in 1h")
          .isEqualTo(4);
    }
  }

  /** RFC 9110 11.1: {@code bearer} is {@code Bearer}. */
  private static void assertTheSchemeNameIsCaseInsensitive(TestGateway gateway, String path) {
    String lower = "bearer " + TestDestinations.ADMIN_TOKEN;
    assertThat(TestDestinations.get(gateway.managementUrl() + path, lower).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theAdminApiRefusesWithoutTheTokenAndListsEveryDestinationsBacklog() throws Exception {
    sink.stubFor(post("/fine").willReturn(aResponse()));
    sink.stubFor(post("/broken").willReturn(aResponse().withStatus(500)));
    try (TestGateway gateway =
        TestGateway.start(
            TestDestinations.delivery(
                TestDestinations.destination("fine", sink.baseUrl() + "/fine"),
                TestDestinations.destination(
                    "broken", sink.baseUrl() + "/broken", "retrySchedule: [0s]")),
            Clock.systemUTC())) {
      String path = "/admin/delivery/destinations";
      assertProblem(
          TestDestinations.get(gateway.managementUrl() + path, null), 401, "unauthorized");
      assertProblem(
          TestDestinations.get(gateway.managementUrl() + path, "Bearer wrong"),
          401,
          "unauthorized");
      assertTheSchemeNameIsCaseInsensitive(gateway, path);
      assertProblem(
          TestDestinations.admin(gateway, "POST", path + "/nobody/enable"),
          404,
          "unknown_destination");
      assertProblem(
          TestDestinations.admin(gateway, "POST", path + "/fine/redeliver?from=yesterday"),
          400,
          "invalid_request");

      Instant before = Instant.now().minusSeconds(1);
      gateway.webhooks().post("{\"text\":\"垃圾未清运\"}");
      Eventually.await(
          WAIT, () -> assertThat(describe(gateway, "broken").getLong("deadLetters")).isOne());
      Eventually.await(WAIT, () -> assertThat(received("/fine")).hasSize(1));
      assertThat(TestDestinations.admin(gateway, "POST", path + "/fine/disable").statusCode())
          .isEqualTo(200);
      gateway.webhooks().post("{\"text\":\"树木倒伏\"}");

      Eventually.await(
          WAIT,
          () -> {
            JsonObject fine = describe(gateway, "fine");
            assertThat(fine.getBoolean("enabled")).isFalse();
            assertThat(fine.getLong("lagMillis")).isPositive();
          });
      JsonObject list = new JsonObject(TestDestinations.admin(gateway, "GET", path).body());
      assertThat(list.getJsonArray("destinations")).hasSize(2);
      JsonObject broken = list.getJsonArray("destinations").getJsonObject(0);
      assertThat(broken.getString("name")).isEqualTo("broken");
      assertThat(broken.fieldNames())
          .contains("pending", "lagMillis", "retryScheduled", "deadLetters", "breaker", "enabled");
      assertThat(broken.getString("breaker")).isEqualTo("CLOSED");

      TestDestinations.admin(gateway, "POST", path + "/fine/enable");
      Eventually.await(WAIT, () -> assertThat(received("/fine")).hasSize(2));
      HttpResponse<String> again =
          TestDestinations.admin(
              gateway,
              "POST",
              path + "/fine/redeliver?from=" + before + "&to=" + Instant.now().plusSeconds(1));
      assertThat(new JsonObject(again.body()).getInteger("scheduled")).isEqualTo(2);
      Eventually.await(WAIT, () -> assertThat(received("/fine")).hasSize(4));
    }
  }

  static JsonObject describe(TestGateway gateway, String name) {
    return new JsonObject(
        TestDestinations.admin(gateway, "GET", "/admin/delivery/destinations/" + name).body());
  }

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(code).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
  }
}
