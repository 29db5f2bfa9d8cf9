package cn.gov12345.intake.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Push delivery end to end: accepted tickets reach WireMock destinations as signed webhooks. */
@Tag("cluster")
class DeliveryIT {

  static final String TICKET =
      "{\"appealType\":\"投诉\",\"text\":\"小区停水三天了\","
          + "\"citizen\":{\"phone\":\"13800138000\"},"
          + "\"location\":{\"address\":\"朝阳区某街道\",\"regionCode\":\"110105\"}}";
  static final String SHANGHAI_TICKET =
      "{\"appealType\":\"求助\",\"text\":\"路灯不亮\","
          + "\"location\":{\"address\":\"黄浦区\",\"regionCode\":\"310101\"}}";
  static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  static String url(String path) {
    return sink.baseUrl() + path;
  }

  static List<LoggedRequest> received(String path) {
    return TestDestinations.received(sink, path);
  }

  @Test
  void anAcceptedTicketReachesTheDestinationOnceSignedWithTheEventIdAsWebhookId() throws Exception {
    sink.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    try (TestGateway gateway =
        TestGateway.start(
            TestDestinations.delivery(TestDestinations.destination("orders", url("/hook"))),
            java.time.Clock.systemUTC())) {
      gateway.webhooks().post(TICKET);

      Eventually.await(WAIT, () -> assertThat(received("/hook")).hasSize(1));
      LoggedRequest request = received("/hook").get(0);
      String stored = TestRedis.events(gateway.keys().tickets(0)).get(0);
      assertThat(request.getBodyAsString()).isEqualTo(stored);
      assertThat(request.getHeader(StandardWebhooks.HEADER_ID))
          .isEqualTo(new JsonObject(stored).getString("id"));
      assertThat(request.getHeader("Content-Type")).startsWith("application/cloudevents+json");
      assertThat(Long.parseLong(request.getHeader(StandardWebhooks.HEADER_TIMESTAMP)))
          .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));
      TestDestinations.assertSigned(request);

      Thread.sleep(300);
      assertThat(received("/hook")).as("delivered once, never again").hasSize(1);
      assertThat(pending(gateway, "orders")).as("acknowledged").isZero();
      assertThat(new String(request.getBody(), StandardCharsets.UTF_8))
          .doesNotContain("13800138000");
    }
  }

  @Test
  void twoDestinationsReceiveTheSameEventIndependentlyAndTheRouteFiltersByRegion()
      throws Exception {
    sink.stubFor(post("/all").willReturn(aResponse().withStatus(200)));
    sink.stubFor(post("/beijing").willReturn(aResponse().withStatus(200)));
    String yaml =
        TestDestinations.delivery(
            TestDestinations.destination("everything", url("/all")),
            TestDestinations.destination(
                "beijing", url("/beijing"), "route:", "  regionPrefixes: ['1101']"));
    try (TestGateway gateway = TestGateway.start(yaml, java.time.Clock.systemUTC())) {
      gateway.webhooks().post(TICKET);
      gateway.webhooks().post(SHANGHAI_TICKET);

      Eventually.await(WAIT, () -> assertThat(received("/all")).hasSize(2));
      Eventually.await(WAIT, () -> assertThat(received("/beijing")).hasSize(1));
      Thread.sleep(300);
      assertThat(received("/beijing")).as("the Shanghai ticket is filtered out").hasSize(1);
      assertThat(received("/beijing").get(0).getBodyAsString()).contains("110105");
      assertThat(pending(gateway, "beijing")).as("filtered entries are acknowledged").isZero();
    }
  }

  @Test
  void aDestinationAnswering500Then500Then200GetsTheSameSignedEventThreeTimesAndItIsAckedOnce()
      throws Exception {
    stubStatuses("/flaky", 500, 500, 200);
    try (TestGateway gateway =
        TestGateway.start(
            TestDestinations.delivery(
                TestDestinations.destination(
                    "flaky", url("/flaky"), "retrySchedule: [0s, 100ms, 100ms, 100ms]")),
            java.time.Clock.systemUTC())) {
      gateway.webhooks().post(TICKET);

      Eventually.await(WAIT, () -> assertThat(received("/flaky")).hasSize(3));
      Thread.sleep(400);
      List<LoggedRequest> attempts = received("/flaky");
      assertThat(attempts).hasSize(3);
      assertThat(attempts)
          .extracting(r -> r.getHeader(StandardWebhooks.HEADER_ID))
          .containsOnly(attempts.get(0).getHeader(StandardWebhooks.HEADER_ID));
      attempts.forEach(TestDestinations::assertSigned);
      assertThat(pending(gateway, "flaky")).isZero();
      assertThat(TestRedis.call(Command.ZCARD, gateway.keys().retrySchedule(0, "flaky")).toLong())
          .isZero();
      assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "flaky"))).isZero();
    }
  }

  @Test
  void aDestinationDownAllRunKeepsItsScheduleAcrossARestartEndsInTheDlqAndReplayDeliversIt()
      throws Exception {
    sink.stubFor(post("/down-all").atPriority(5).willReturn(aResponse().withStatus(500)));
    String yaml =
        TestDestinations.delivery(
            TestDestinations.destination(
                "down-all", url("/down-all"), "retrySchedule: [0s, 700ms, 700ms, 700ms]"));
    String prefix;
    try (TestGateway first = TestGateway.start(yaml, java.time.Clock.systemUTC())) {
      prefix = first.prefix();
      first.webhooks().post(TICKET);
      Eventually.await(WAIT, () -> assertThat(received("/down-all")).hasSize(2));
    }
    int beforeRestart = received("/down-all").size();

    try (TestGateway second = TestGateway.startOn(prefix, yaml)) {
      Eventually.await(
          WAIT,
          () ->
              assertThat(TestRedis.streamLength(second.keys().deadLetters(0, "down-all"))).isOne());
      assertThat(received("/down-all")).as("four attempts in all, not restarted").hasSize(4);
      assertThat(beforeRestart).isLessThan(4);

      sink.stubFor(post("/down-all").atPriority(1).willReturn(aResponse().withStatus(200)));
      var replay =
          TestDestinations.admin(second, "POST", "/admin/delivery/destinations/down-all/replay");
      assertThat(replay.statusCode()).isEqualTo(200);

      Eventually.await(WAIT, () -> assertThat(received("/down-all")).hasSize(5));
      Thread.sleep(300);
      List<LoggedRequest> attempts = received("/down-all");
      assertThat(attempts).hasSize(5);
      assertThat(attempts)
          .extracting(r -> r.getHeader(StandardWebhooks.HEADER_ID))
          .containsOnly(attempts.get(0).getHeader(StandardWebhooks.HEADER_ID));
      assertThat(TestRedis.streamLength(second.keys().deadLetters(0, "down-all"))).isZero();
    }
  }

  /** Answers the given statuses in order, then the last one forever. */
  static void stubStatuses(String path, int... statuses) {
    for (int i = 0; i < statuses.length; i++) {
      sink.stubFor(
          post(path)
              .inScenario(path)
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "attempt " + i)
              .willReturn(aResponse().withStatus(statuses[i]))
              .willSetStateTo("attempt " + Math.min(i + 1, statuses.length - 1)));
    }
  }

  @Test
  void aScheduledRetrySurvivesAGatewayRestart() throws Exception {
    stubFailThenSucceed("/restart", 503);
    String yaml =
        TestDestinations.delivery(
            TestDestinations.destination(
                "restart", url("/restart"), "retrySchedule: [0s, 1500ms]"));
    String prefix;
    try (TestGateway first = TestGateway.start(yaml, java.time.Clock.systemUTC())) {
      prefix = first.prefix();
      first.webhooks().post(TICKET);
      Eventually.await(WAIT, () -> assertThat(received("/restart")).hasSize(1));
      Eventually.await(
          WAIT,
          () ->
              assertThat(
                      TestRedis.call(Command.ZCARD, first.keys().retrySchedule(0, "restart"))
                          .toLong())
                  .isEqualTo(1));
    }
    assertThat(received("/restart")).as("the stopped gateway did not retry").hasSize(1);

    try (TestGateway second = TestGateway.startOn(prefix, yaml)) {
      Eventually.await(WAIT, () -> assertThat(received("/restart")).hasSize(2));
      List<LoggedRequest> attempts = received("/restart");
      assertThat(attempts.get(1).getHeader(StandardWebhooks.HEADER_ID))
          .isEqualTo(attempts.get(0).getHeader(StandardWebhooks.HEADER_ID));
      Eventually.await(
          WAIT,
          () ->
              assertThat(
                      TestRedis.call(Command.ZCARD, second.keys().retrySchedule(0, "restart"))
                          .toLong())
                  .isZero());
    }
  }

  static void stubFailThenSucceed(String path, int firstStatus) {
    sink.stubFor(
        post(path)
            .inScenario(path)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(firstStatus))
            .willSetStateTo("failed once"));
    sink.stubFor(
        post(path)
            .inScenario(path)
            .whenScenarioStateIs("failed once")
            .willReturn(aResponse().withStatus(200)));
  }

  static long pending(TestGateway gateway, String destination) {
    return TestRedis.call(Command.XPENDING, gateway.keys().tickets(0), "delivery:" + destination)
        .get(0)
        .toLong();
  }
}
