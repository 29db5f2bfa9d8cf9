package cn.gov12345.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes share one destination; one is killed with SIGKILL while it holds
 * unacknowledged entries, and the other reclaims and delivers them: over 1,000 tickets nothing is
 * missing, and a ticket delivered twice carries the same webhook-id both times.
 */
class DeliveryFailoverIT {

  static final int TICKETS = 1000;

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  @TempDir Path dir;

  @Test
  void aSurvivingReplicaReclaimsWhatAKilledOneHeldAndNothingIsMissing() throws Exception {
    sink.stubFor(
        post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withFixedDelay(40)));
    String prefix = TestRedis.freshPrefix();
    Path config = config(prefix);
    try (GatewayProcess a = start("a", config);
        GatewayProcess b = start("b", config)) {
      List<String> bases = List.of(a.baseUrl(), b.baseUrl());

      acceptTickets(bases);
      Eventually.await(
          Duration.ofSeconds(30), () -> assertThat(received()).hasSizeGreaterThan(100));
      a.kill();

      Set<String> expected = ticketEventIds(prefix);
      assertThat(expected).hasSize(TICKETS);
      Eventually.await(
          Duration.ofSeconds(90), () -> assertThat(deliveredIds()).containsAll(expected));
      for (LoggedRequest request : received()) {
        String id = request.getHeader("webhook-id");
        assertThat(new JsonObject(request.getBodyAsString()).getString("id")).isEqualTo(id);
        TestDestinations.assertSigned(request);
      }
      assertThat(deliveredIds()).isEqualTo(expected);
    }
  }

  private GatewayProcess start(String name, Path config) throws Exception {
    int[] ports = TestRedis.freePorts(2);
    return GatewayProcess.start(dir.resolve(name), config, ports[0], ports[1], TestRedis.url());
  }

  private Path config(String prefix) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    String yaml =
        "stream:\n  keyPrefix: "
            + prefix
            + "\nchannels:\n  webhook:\n    sources:\n      partner:\n        secrets: ['"
            + TestGateway.SECRET
            + "']\n"
            + TestDestinations.delivery(
                TestDestinations.destination(
                    "sink",
                    sink.baseUrl() + "/hook",
                    "maxConcurrency: 8",
                    "requestTimeout: 1s",
                    "retrySchedule: [0s, 100ms, 200ms]"));
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** Posts the tickets to both replicas, 16 at a time. */
  private static void acceptTickets(List<String> bases) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < TICKETS; i++) {
        WebhookClient partner = new WebhookClient(bases.get(i % 2), "partner", TestGateway.SECRET);
        String body = "{\"text\":\"第" + i + "件：垃圾清运不及时\"}";
        answers.add(pool.submit(() -> partner.post(body)));
      }
      for (Future<HttpResponse<String>> answer : answers) {
        assertThat(answer.get().statusCode()).isEqualTo(202);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Set<String> ticketEventIds(String prefix) {
    Set<String> ids = new HashSet<>();
    for (String event : TestRedis.events(prefix + ":{p0}:tickets")) {
      ids.add(new JsonObject(event).getString("id"));
    }
    return ids;
  }

  private static List<LoggedRequest> received() {
    return TestDestinations.received(sink, "/hook");
  }

  private static Set<String> deliveredIds() {
    Set<String> ids = new HashSet<>();
    for (LoggedRequest request : received()) {
      ids.add(request.getHeader("webhook-id"));
    }
    return ids;
  }
}
