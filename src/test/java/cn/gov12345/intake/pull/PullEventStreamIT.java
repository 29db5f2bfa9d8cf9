package cn.gov12345.intake.pull;

import static cn.gov12345.intake.pull.PullFixtures.DISPATCH_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.SseClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/streams/tickets/events}: live events, resume, heartbeats, limits, shutdown. */
@Tag("cluster")
class PullEventStreamIT {

  private static final String EVENTS = "/v1/streams/tickets/events";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aStreamReceivesTheEventsAppendedAfterItOpenedAndNoneBefore() throws Exception {
    try (TestGateway gateway = start("");
        SseClient before = open(gateway, null)) {
      String old = PullFixtures.submit(gateway, 1);
      try (SseClient sse = open(gateway, null)) {
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.response().headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> posted = new ArrayList<>();
        for (int i = 2; i < 7; i++) {
          posted.add(PullFixtures.submit(gateway, i));
        }

        List<String> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          SseClient.Event e = sse.nextEvent(WAIT);
          assertThat(e).isNotNull();
          assertThat(e.id()).isNotBlank();
          received.add(ticketIdOf(e));
        }

        assertThat(received).containsExactlyInAnyOrderElementsOf(posted).doesNotContain(old);
        assertThat(ticketIdOf(before.nextEvent(WAIT))).isEqualTo(old);
      }
    }
  }

  @Test
  void aReconnectWithLastEventIdResumesWithoutGapsOrRepeats() throws Exception {
    try (TestGateway gateway = start("")) {
      List<String> received = new ArrayList<>();
      String lastId;
      try (SseClient sse = open(gateway, null)) {
        for (int i = 0; i < 10; i++) {
          PullFixtures.submit(gateway, i);
        }
        SseClient.Event first = sse.nextEvent(WAIT);
        SseClient.Event second = sse.nextEvent(WAIT);
        received.add(eventIdOf(first));
        received.add(eventIdOf(second));
        lastId = second.id();
      }
      for (int i = 10; i < 20; i++) {
        PullFixtures.submit(gateway, i);
      }

      try (SseClient resumed = open(gateway, lastId)) {
        for (int i = 0; i < 18; i++) {
          SseClient.Event e = resumed.nextEvent(WAIT);
          assertThat(e).as("event %d after resuming", i).isNotNull();
          received.add(eventIdOf(e));
        }
        assertThat(resumed.nextEvent(Duration.ofMillis(500))).as("nothing more").isNull();
      }

      assertThat(received).hasSize(20).isEqualTo(PullFixtures.expectedOrder(gateway));
      assertThat(new HashSet<>(received)).hasSize(20);
    }
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    try (TestGateway gateway = start("");
        SseClient sse = open(gateway, null)) {
      List<String> lines = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline && !lines.contains(": heartbeat")) {
        String line = sse.nextLine(Duration.ofSeconds(1));
        if (line != null) {
          lines.add(line);
        }
      }

      assertThat(lines).contains(": heartbeat");
      assertThat(lines).noneMatch(l -> l.startsWith("data:"));
    }
  }

  @Test
  void aWrongKeyOrABadLastEventIdIsRefusedBeforeTheStreamOpens() throws Exception {
    try (TestGateway gateway = start("");
        SseClient noKey = SseClient.open(gateway.baseUrl() + EVENTS, null, null);
        SseClient badCursor = open(gateway, "bm90LWEtY3Vyc29y")) {
      assertThat(noKey.status()).isEqualTo(401);
      assertThat(badCursor.status()).isEqualTo(400);
      String body = badCursor.rest(WAIT);
      assertThat(new JsonObject(body).getString("code")).isEqualTo("invalid_cursor");
    }
  }

  @Test
  void aConsumerMayHoldOnlyTheConfiguredNumberOfStreams() throws Exception {
    try (TestGateway gateway = start("    maxConnectionsPerConsumer: 2\n");
        SseClient one = open(gateway, null);
        SseClient two = open(gateway, null)) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      try (SseClient three = open(gateway, null)) {
        assertThat(three.status()).isEqualTo(429);
      }
      assertThat(metrics(gateway))
          .contains("intake_pull_sse_connections{consumer=\"dispatch\"} 2.0");

      two.close();
      int status = 0;
      for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
        Thread.sleep(100);
        try (SseClient again = open(gateway, null)) {
          status = again.status();
        }
      }
      assertThat(status).as("a closed stream gives its slot back").isEqualTo(200);
    }
  }

  @Test
  void anOpenStreamEndsPromptlyWhenTheGatewayStops() throws Exception {
    TestGateway gateway = start("");
    try (SseClient sse = open(gateway, null)) {
      assertThat(sse.nextLine(WAIT)).isNotNull();
      long started = System.nanoTime();
      CompletableFuture<Void> stopped = CompletableFuture.runAsync(gateway::close);

      String line = sse.nextLine(WAIT);
      while (line != null && !line.equals(SseClient.END)) {
        line = sse.nextLine(WAIT);
      }

      assertThat(line).isEqualTo(SseClient.END);
      stopped.get();
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("well before http.shutdownGrace (30s here)")
          .isLessThan(Duration.ofSeconds(10));
    }
  }

  private static TestGateway start(String sseExtra) throws Exception {
    String yaml = PullFixtures.yaml(sseExtra) + "http:\n  shutdownGrace: 30s\n";
    return TestGateway.start(yaml, Clock.systemUTC());
  }

  private static String metrics(TestGateway gateway) {
    return WebhookClient.send(
            HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/metrics")).build())
        .body();
  }

  private static SseClient open(TestGateway gateway, String lastEventId) throws Exception {
    return SseClient.open(gateway.baseUrl() + EVENTS, DISPATCH_KEY, lastEventId);
  }

  private static String eventIdOf(SseClient.Event e) {
    return new JsonObject(e.data()).getString("id");
  }

  private static String ticketIdOf(SseClient.Event e) {
    return new JsonObject(e.data()).getJsonObject("data").getString("ticketId");
  }
}
