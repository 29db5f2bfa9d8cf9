package cn.gov12345.intake.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.Durability;
import cn.gov12345.intake.config.EmbeddedRedisConfig;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.redis.EmbeddedRedisServer;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A Redis that lost its last writes (restart or failover under {@code appendfsync everysec}) never
 * gives out a tracking number again: the gateway meets its new run and skips the fence margin.
 */
class TrackingFenceIT {

  private static final String FENCE_100 = "stream:\n  trackingFence: 100\n";

  @Test
  void aRestartedRedisThatLostTheLastNumbersNeverIssuesThemAgain() throws Exception {
    Path data = Files.createTempDirectory("fence-redis");
    EmbeddedRedisServer redis = start(data, 0);
    int port = redis.port();
    List<String> issued = new ArrayList<>();
    try (TestGateway gateway = TestGateway.startAgainst(url(port), "fence", FENCE_100)) {
      for (int i = 0; i < 5; i++) {
        issued.add(tracking(gateway, "第" + i + "件"));
      }
      assertThat(issued.get(0).substring(8, 14)).isEqualTo("000001");
      // the restart loses the last three increments (what everysec may lose in a power cut)
      String seq = gateway.keys().sequence(0, TrackingNumbers.day(Instant.now()));
      redisCli(port, "SET", seq, "2");
      redis.close();
      redis = start(data, port);

      AtomicReference<String> answered = new AtomicReference<>();
      Eventually.await(Duration.ofSeconds(10), () -> answered.set(tracking(gateway, "重启之后")));
      String after = answered.get();

      assertThat(issued).doesNotContain(after);
      assertThat(after.substring(8, 14)).isEqualTo("000103");
      assertThat(tracking(gateway, "再一件").substring(8, 14)).isEqualTo("000104");
    } finally {
      redis.close();
    }
  }

  @Test
  void aRunIsFencedOnceWhateverNumberOfGatewaysMeetIt() throws Exception {
    Path data = Files.createTempDirectory("fence-redis");
    EmbeddedRedisServer redis = start(data, 0);
    int port = redis.port();
    try {
      try (TestGateway gateway = TestGateway.startAgainst(url(port), "fence", FENCE_100)) {
        assertThat(tracking(gateway, "第一件").substring(8, 14)).isEqualTo("000001");
      }
      redis.close();
      redis = start(data, port);
      try (TestGateway first = TestGateway.startAgainst(url(port), "fence", FENCE_100);
          TestGateway second = TestGateway.startAgainst(url(port), "fence", FENCE_100)) {
        // both met the restarted run; one of them advanced the sequence, once
        assertThat(tracking(first, "第二件").substring(8, 14)).isEqualTo("000102");
        assertThat(tracking(second, "第三件").substring(8, 14)).isEqualTo("000103");
      }
      try (TestGateway later = TestGateway.startAgainst(url(port), "fence", FENCE_100)) {
        assertThat(tracking(later, "第四件").substring(8, 14)).isEqualTo("000104");
      }
    } finally {
      redis.close();
    }
  }

  private static EmbeddedRedisServer start(Path data, int port) throws IOException {
    return EmbeddedRedisServer.start(
        data, new EmbeddedRedisConfig(port, "64mb"), Durability.EVERYSEC);
  }

  private static String url(int port) {
    return "redis://127.0.0.1:" + port;
  }

  /** One inline command on a raw connection (the test's own Redis is not TestRedis). */
  private static void redisCli(int port, String... command) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write((String.join(" ", command) + "\r\n").getBytes(UTF_8));
      String reply =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
      assertThat(reply).isEqualTo("+OK");
    }
  }

  private static String tracking(TestGateway gateway, String text) {
    HttpResponse<String> r = gateway.webhooks().post("{\"text\":\"" + text + "\"}");
    if (r.statusCode() != 202) {
      throw new AssertionError("HTTP " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("trackingNumber");
  }
}
