package cn.gov12345.intake.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each kind of answer does: Retry-After, 410, redirects, the last attempt, the DLQ. */
@Tag("cluster")
class DeliveryOutcomesIT {

  static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  static TestGateway gatewayWith(String... destinations) throws Exception {
    return TestGateway.start(TestDestinations.delivery(destinations), Clock.systemUTC());
  }

  static List<LoggedRequest> received(String path) {
    return TestDestinations.received(sink, path);
  }

  @Test
  void aRetryAfterOf429IsHonouredBeforeTheNextAttempt() throws Exception {
    sink.stubFor(
        post("/busy")
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    sink.stubFor(
        post("/busy").inScenario("busy").whenScenarioStateIs("ok").willReturn(aResponse()));
    try (TestGateway gateway =
        gatewayWith(
            TestDestinations.destination(
                "busy", sink.baseUrl() + "/busy", "retrySchedule: [0s, 10ms, 10ms]"))) {
      gateway.webhooks().post("{\"text\":\"噪音扰民\"}");

      Eventually.await(WAIT, () -> assertThat(received("/busy")).hasSize(2));
      List<LoggedRequest> attempts = received("/busy");
      long gap =
          attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
      assertThat(gap).as("not the 10 ms of the schedule").isGreaterThanOrEqualTo(950);
    }
  }

  @Test
  void a410DisablesTheDestinationUntilTheAdminApiEnablesIt() throws Exception {
    sink.stubFor(
        post("/gone")
            .inScenario("gone")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(410))
            .willSetStateTo("back"));
    sink.stubFor(
        post("/gone").inScenario("gone").whenScenarioStateIs("back").willReturn(aResponse()));
    sink.stubFor(post("/other").willReturn(aResponse()));
    try (TestGateway gateway =
        gatewayWith(
            TestDestinations.destination("gone", sink.baseUrl() + "/gone"),
            TestDestinations.destination("other", sink.baseUrl() + "/other"))) {
      gateway.webhooks().post("{\"text\":\"第一件\"}");
      Eventually.await(WAIT, () -> assertThat(received("/gone")).hasSize(1));
      Eventually.await(
          WAIT, () -> assertThat(destination(gateway, "gone").getBoolean("enabled")).isFalse());
      JsonObject ready =
          new JsonObject(
              WebhookClient.send(
                      HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/ready"))
                          .build())
                  .body());
      assertThat(ready.getString("status")).isEqualTo("UP");
      String reason =
          ready
              .getJsonObject("checks")
              .getJsonObject("delivery")
              .getJsonObject("disabled")
              .getString("gone");
      assertThat(reason).contains("410");

      gateway.webhooks().post("{\"text\":\"第二件\"}");
      Eventually.await(WAIT, () -> assertThat(received("/other")).hasSize(2));
      Thread.sleep(300);
      assertThat(received("/gone")).as("nothing is sent while disabled").hasSize(1);

      assertThat(
              TestDestinations.admin(gateway, "POST", "/admin/delivery/destinations/gone/enable")
                  .statusCode())
          .isEqualTo(200);
      Eventually.await(WAIT, () -> assertThat(received("/gone")).hasSize(3));
      assertThat(destination(gateway, "gone").getBoolean("enabled")).isTrue();
    }
  }

  @Test
  void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
    sink.stubFor(
        post("/moved")
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
    try (TestGateway gateway =
        gatewayWith(
            TestDestinations.destination(
                "moved", sink.baseUrl() + "/moved", "retrySchedule: [0s]"))) {
      gateway.webhooks().post("{\"text\":\"井盖丢失\"}");

      Eventually.await(
          WAIT,
          () -> assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "moved"))).isOne());
      assertThat(deadLetter(gateway, "moved").getString("status")).isEqualTo("302");
      assertThat(sink.findAll(anyRequestedFor(urlEqualTo("/elsewhere")))).isEmpty();
      assertThat(received("/moved")).hasSize(1);
    }
  }

  @Test
  void afterTheLastAttemptTheEventIsDeadLetteredAndReplayDeliversIt() throws Exception {
    sink.stubFor(post("/down").willReturn(aResponse().withStatus(500)));
    try (TestGateway gateway =
        gatewayWith(
            TestDestinations.destination(
                "down", sink.baseUrl() + "/down", "retrySchedule: [0s, 50ms, 50ms]"))) {
      gateway.webhooks().post("{\"text\":\"暖气不热\"}");

      Eventually.await(
          WAIT,
          () -> assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "down"))).isOne());
      assertThat(received("/down")).as("every scheduled attempt, no more").hasSize(3);
      JsonObject dead = deadLetter(gateway, "down");
      String eventId = received("/down").get(0).getHeader(StandardWebhooks.HEADER_ID);
      assertThat(dead.getString("status")).isEqualTo("500");
      assertThat(dead.getString("error")).isEqualTo("HTTP 500");
      assertThat(dead.getString("attempts")).isEqualTo("3");
      assertThat(dead.getString("eventId")).isEqualTo(eventId);
      assertThat(new JsonObject(dead.getString("event")).getString("id")).isEqualTo(eventId);

      sink.stubFor(post("/down").willReturn(aResponse().withStatus(200)));
      var replay =
          TestDestinations.admin(
              gateway, "POST", "/admin/delivery/destinations/down/replay?eventId=" + eventId);
      assertThat(new JsonObject(replay.body()).getInteger("replayed")).isEqualTo(1);

      Eventually.await(WAIT, () -> assertThat(received("/down")).hasSize(4));
      assertThat(received("/down").get(3).getHeader(StandardWebhooks.HEADER_ID)).isEqualTo(eventId);
      assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "down"))).isZero();
      Eventually.await(
          WAIT,
          () ->
              assertThat(
                      TestRedis.call(Command.ZCARD, gateway.keys().retrySchedule(0, "down"))
                          .toLong())
                  .isZero());
    }
  }

  @Test
  void aTimeoutIsAFailedAttempt() throws Exception {
    sink.stubFor(post("/slow").willReturn(aResponse().withFixedDelay(1500)));
    try (TestGateway gateway =
        gatewayWith(
            TestDestinations.destination(
                "slow",
                sink.baseUrl() + "/slow",
                "requestTimeout: 200ms",
                "retrySchedule: [0s]"))) {
      gateway.webhooks().post("{\"text\":\"电梯故障\"}");

      Eventually.await(
          WAIT,
          () -> assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "slow"))).isOne());
      assertThat(deadLetter(gateway, "slow").getString("status")).isEqualTo("0");
      assertThat(deadLetter(gateway, "slow").getString("error")).isEqualTo("timeout");
    }
  }

  static JsonObject destination(TestGateway gateway, String name) {
    return new JsonObject(
        TestDestinations.admin(gateway, "GET", "/admin/delivery/destinations/" + name).body());
  }

  static JsonObject deadLetter(TestGateway gateway, String destination) {
    Response entry =
        TestRedis.call(Command.XRANGE, gateway.keys().deadLetters(0, destination), "-", "+").get(0);
    JsonObject fields = new JsonObject();
    for (int i = 0; i < entry.get(1).size(); i += 2) {
      fields.put(entry.get(1).get(i).toString(), entry.get(1).get(i + 1).toString());
    }
    return fields;
  }
}
