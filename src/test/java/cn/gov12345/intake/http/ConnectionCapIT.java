package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.RawConnection;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The per-process connection cap: idle connections beyond it make room for new ones, busy ones are
 * never dropped for a newcomer, and the probes and a normal request keep answering. (A small cap
 * stands in for the default 10,000: {@code ulimit -n} cannot hold 20,000 connections on both ends
 * in one test JVM; bench/README.md reproduces that case by hand.)
 */
class ConnectionCapIT {

  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @Test
  void fourHundredIdleConnectionsAgainstACapOfTwoHundredLeaveProbesAndRequestsAnswering()
      throws IOException {
    List<RawConnection> idle = new ArrayList<>();
    try (TestGateway gateway = start(200)) {
      try {
        for (int i = 0; i < 400; i++) {
          idle.add(RawConnection.open(port(gateway.baseUrl())));
        }
        Eventually.await(GENEROUS, () -> assertThat(closed(idle)).isGreaterThanOrEqualTo(200));

        HttpRequest ready =
            HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/ready"))
                .timeout(GENEROUS)
                .build();
        assertThat(WebhookClient.send(ready).statusCode()).isEqualTo(200);
        assertThat(gateway.webhooks().post("{\"text\":\"井盖丢失\"}").statusCode()).isEqualTo(202);
        String metrics = metrics(gateway);
        assertThat(gauge(metrics, "intake_connections_open", "public")).isLessThanOrEqualTo(200);
        assertThat(gauge(metrics, "intake_connections_closed_total", "public\",reason=\"evicted"))
            .isGreaterThanOrEqualTo(200);
      } finally {
        idle.forEach(RawConnection::close);
      }
    }
  }

  @Test
  void whenEveryConnectionIsBusyTheNextOneIsRefusedAtOnce() throws IOException {
    List<RawConnection> busy = new ArrayList<>();
    try (TestGateway gateway = start(4)) {
      try {
        for (int i = 0; i < 4; i++) {
          RawConnection upload = RawConnection.open(port(gateway.baseUrl()));
          upload.send(
              "POST /channels/webhook/partner HTTP/1.1\r\nHost: gateway\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\":");
          busy.add(upload);
        }
        Eventually.await(
            GENEROUS,
            () -> {
              String metrics = metrics(gateway);
              assertThat(gauge(metrics, "intake_connections_open", "public")).isEqualTo(4);
              assertThat(gauge(metrics, "intake_connections_idle", "public")).isZero();
            });

        try (RawConnection late = RawConnection.open(port(gateway.baseUrl()))) {
          late.send("GET /channels/app/v1/openapi.json HTTP/1.1\r\nHost: gateway\r\n\r\n");

          assertThat(late.closedWithin(GENEROUS)).isTrue();
          assertThat(late.received()).isEmpty();
        }
        assertThat(closed(busy)).as("busy connections kept").isZero();
        assertThat(gauge(metrics(gateway), "intake_connections_refused_total", "public"))
            .isEqualTo(1);
      } finally {
        busy.forEach(RawConnection::close);
      }
    }
  }

  private static TestGateway start(int cap) throws IOException {
    return TestGateway.start(
        "http:\n  connections:\n    headerTimeout: 60s\n    bodyTimeout: 60s\n"
            + "    idleTimeout: 60s\n    maxConnections: "
            + cap
            + "\n",
        Clock.systemUTC());
  }

  private static long closed(List<RawConnection> connections) {
    return connections.stream().filter(c -> c.closedWithin(Duration.ofMillis(1))).count();
  }

  private static String metrics(TestGateway gateway) {
    return WebhookClient.send(
            HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/metrics"))
                .timeout(GENEROUS)
                .build())
        .body();
  }

  /** The value of the meter {@code name} whose tags start with {@code port="<portAndMore>"}. */
  private static long gauge(String metrics, String name, String portAndMore) {
    Matcher m =
        Pattern.compile(
                "^" + name + "\\{port=\"" + Pattern.quote(portAndMore) + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    assertThat(m.find()).as(name + " for " + portAndMore).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  private static int port(String url) {
    return URI.create(url).getPort();
  }
}
