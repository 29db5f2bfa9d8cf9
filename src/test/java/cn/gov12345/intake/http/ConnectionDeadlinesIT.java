package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.RawConnection;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections that stop making progress are closed within their deadline (1 s here; slack for a
 * loaded build machine), while the ports keep answering.
 */
class ConnectionDeadlinesIT {

  private static final Duration DEADLINE_WITH_SLACK = Duration.ofSeconds(5);
  private static final String SOURCE_PATH = "/channels/webhook/partner";

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    String limits = "    headerTimeout: 1s\n    bodyTimeout: 1s\n    idleTimeout: 1s\n";
    gateway =
        TestGateway.start(
            "http:\n  connections:\n" + limits + "management:\n  connections:\n" + limits,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aHeadTrickledOneByteAtATimeIsCutAtTheHeaderDeadline() {
    try (RawConnection slowloris = RawConnection.open(port(gateway.baseUrl()))) {
      slowloris.send("POST " + SOURCE_PATH + " HTTP/1.1\r\nHost: gateway\r\n");
      long started = System.nanoTime();
      boolean closed = false;
      // a byte every 200 ms: far faster than any read-idle timeout, so only a deadline on the
      // whole head can end it
      while (!closed && elapsed(started).compareTo(Duration.ofSeconds(8)) < 0) {
        closed = !slowloris.send("X") || slowloris.closedWithin(Duration.ofMillis(200));
      }

      assertThat(closed).as("server closed the trickling connection").isTrue();
      assertThat(elapsed(started)).isLessThan(DEADLINE_WITH_SLACK);
    }
    assertThat(metrics()).contains(closedCount("public", "header_timeout"));
  }

  @Test
  void aKeptAliveConnectionLeftIdleIsClosedAtTheIdleDeadline() {
    try (RawConnection idle = RawConnection.open(port(gateway.baseUrl()))) {
      idle.send("GET /channels/app/v1/openapi.json HTTP/1.1\r\nHost: gateway\r\n\r\n");

      assertThat(idle.closedWithin(DEADLINE_WITH_SLACK)).as("idle connection closed").isTrue();
      assertThat(idle.received()).startsWith("HTTP/1.1 200").doesNotContain("Connection: close");
    }
    assertThat(metrics()).contains(closedCount("public", "idle_timeout"));
  }

  @Test
  void aBodyThatStopsArrivingIsCutAtTheBodyDeadline() {
    try (RawConnection halfSent = RawConnection.open(port(gateway.baseUrl()))) {
      halfSent.send(
          "POST "
              + SOURCE_PATH
              + " HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100\r\n\r\n{\"text\":");

      assertThat(halfSent.closedWithin(DEADLINE_WITH_SLACK)).as("half-sent body cut").isTrue();
    }
    assertThat(metrics()).contains(closedCount("public", "body_timeout"));
  }

  @Test
  void aBodyThatKeepsMovingIsNotCutThoughItTakesLongerThanTheBodyDeadline() {
    String body = "{\"text\":\"" + "x".repeat(20) + "\"}";
    String id = WebhookClient.newId();
    long now = Instant.now().getEpochSecond();
    String signature =
        gateway.webhooks().signature(id, now, body.getBytes(StandardCharsets.US_ASCII));
    try (RawConnection slow = RawConnection.open(port(gateway.baseUrl()))) {
      slow.send(
          "POST "
              + SOURCE_PATH
              + " HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
              + StandardWebhooks.HEADER_ID
              + ": "
              + id
              + "\r\n"
              + StandardWebhooks.HEADER_TIMESTAMP
              + ": "
              + now
              + "\r\n"
              + StandardWebhooks.HEADER_SIGNATURE
              + ": "
              + signature
              + "\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n");
      // one byte every 250 ms: about 8 s in all, eight times the body deadline
      for (char c : body.toCharArray()) {
        assertThat(slow.send(String.valueOf(c))).as("still open").isTrue();
        assertThat(slow.closedWithin(Duration.ofMillis(250))).as("cut while moving").isFalse();
      }
      slow.closedWithin(DEADLINE_WITH_SLACK);

      assertThat(slow.received()).as("read to the end and accepted").startsWith("HTTP/1.1 202");
    }
  }

  @Test
  void theManagementPortHasTheSameDeadlines() {
    try (RawConnection silent = RawConnection.open(port(gateway.managementUrl()))) {
      silent.send("GET /health/ready HTTP/1.1\r\n");

      assertThat(silent.closedWithin(DEADLINE_WITH_SLACK)).as("half head cut").isTrue();
    }
    assertThat(metrics()).contains(closedCount("management", "header_timeout"));
  }

  @Test
  void aRequestThatKeepsMovingIsNotCut() {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/ready")).build();

    assertThat(WebhookClient.send(ready).statusCode()).isEqualTo(200);
    assertThat(gateway.webhooks().post("{\"text\":\"路灯不亮\"}").statusCode()).isEqualTo(202);
  }

  static String closedCount(String port, String reason) {
    return "intake_connections_closed_total{port=\"" + port + "\",reason=\"" + reason + "\"}";
  }

  static String metrics() {
    return WebhookClient.send(
            HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/metrics")).build())
        .body();
  }

  static int port(String url) {
    return URI.create(url).getPort();
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
