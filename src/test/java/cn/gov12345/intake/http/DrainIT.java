package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.RawConnection;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The graceful drain on SIGTERM ({@link Drain}, {@code Gateway.stop()}), in this order: readiness
 * answers 503 at once; the public port keeps answering for {@code http.drainDelay}; then it takes
 * no new connection; a request already in flight still gets its 2xx, within {@code
 * http.shutdownGrace}.
 */
class DrainIT {

  private static final Duration DRAIN_DELAY = Duration.ofMillis(1500);
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void readinessGoesDownFirstThePortClosesAfterTheDelayAndAnInFlightRequestStillGetsIts202()
      throws Exception {
    TestGateway gateway =
        TestGateway.start(
            "http:\n  drainDelay: " + DRAIN_DELAY.toMillis() + "ms\n  shutdownGrace: 10s\n",
            Clock.systemUTC());
    int port = gateway.httpPort();
    assertThat(ready(gateway)).isEqualTo(200);
    // a slow sender: head and half of its body are in, the rest comes after the port has closed
    String id = WebhookClient.newId();
    byte[] body =
        "{\"text\":\"排水井盖缺失\",\"citizen\":{\"phone\":\"13800138000\"}}"
            .getBytes(StandardCharsets.UTF_8);
    String head = signedHead(gateway, id, body);
    int half = body.length / 2;
    CompletableFuture<Void> stopped;
    try (RawConnection inFlight = RawConnection.open(port)) {
      assertThat(inFlight.send(head + latin1(body, 0, half))).isTrue();

      Instant sigterm = Instant.now();
      stopped = CompletableFuture.runAsync(gateway::close);

      awaitReadiness503(gateway, Duration.ofMillis(500));
      Instant readyDown = Instant.now();
      assertThat(Duration.between(sigterm, readyDown)).isLessThan(Duration.ofMillis(500));
      // still routed here during the delay: answered
      assertThat(gateway.webhooks().post("{\"text\":\"还在路由到这里\"}").statusCode()).isEqualTo(202);
      assertThat(accepts(port)).isTrue();

      Instant portClosed = awaitPortClosed(port, DRAIN_DELAY.multipliedBy(3));
      assertThat(Duration.between(sigterm, portClosed))
          .isGreaterThanOrEqualTo(DRAIN_DELAY.minusMillis(100));
      assertThat(stopped).isNotDone();

      assertThat(inFlight.send(latin1(body, half, body.length - half))).isTrue();
      assertThat(inFlight.closedWithin(Duration.ofSeconds(5))).isTrue();
      assertThat(inFlight.received()).startsWith("HTTP/1.1 202");
    }
    stopped.get();
  }

  private static String signedHead(TestGateway gateway, String id, byte[] body) {
    long now = Instant.now().getEpochSecond();
    return "POST /channels/webhook/partner HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: "
        + body.length
        + "\r\n"
        + "webhook-id: "
        + id
        + "\r\n"
        + "webhook-timestamp: "
        + now
        + "\r\n"
        + "webhook-signature: "
        + gateway.webhooks().signature(id, now, body)
        + "\r\n\r\n";
  }

  /** Bytes as ISO-8859-1 text: {@link RawConnection#send} writes them back unchanged. */
  private static String latin1(byte[] bytes, int from, int length) {
    return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
  }

  private static int ready(TestGateway gateway) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    return PROBE.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static void awaitReadiness503(TestGateway gateway, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (ready(gateway) != 503) {
      assertThat(System.nanoTime()).as("readiness 503 within " + within).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Instant awaitPortClosed(int port, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (accepts(port)) {
      assertThat(System.nanoTime()).as("port closed within " + within).isLessThan(deadline);
      Thread.sleep(20);
    }
    return Instant.now();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (ConnectException refused) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
