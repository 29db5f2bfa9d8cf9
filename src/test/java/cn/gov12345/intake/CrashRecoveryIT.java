package cn.gov12345.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise behind every 202: the gateway (and its embedded Redis) is killed with SIGKILL right
 * after answering, and every accepted message is still there when it starts again. Runs at {@code
 * durability: fsync} (the embedded server fsyncs the AOF before it answers, asserted below).
 */
class CrashRecoveryIT {

  static final int N = 200;

  @TempDir Path dataDir;

  @Test
  void everyAcceptedMessageSurvivesKillNineOfGatewayAndRedis() throws Exception {
    Path config = dataDir.resolve("gateway.yaml");
    Files.writeString(
        config,
        "redis:\n  durability: fsync\n"
            + "channels:\n  webhook:\n    sources:\n      partner:\n        secrets: ['"
            + TestGateway.SECRET
            + "']\n",
        StandardCharsets.UTF_8);
    int[] ports = TestRedis.freePorts(2);
    int http = ports[0];
    int management = ports[1];
    Map<String, String> ticketByWebhookId = new LinkedHashMap<>();
    String firstOutput;

    try (GatewayProcess first =
        GatewayProcess.start(dataDir.resolve("data"), config, http, management)) {
      WebhookClient partner =
          new WebhookClient("http://127.0.0.1:" + http, "partner", TestGateway.SECRET);
      for (int i = 0; i < N; i++) {
        String id = WebhookClient.newId();
        HttpResponse<String> r = partner.post(id, body(i));
        assertThat(r.statusCode()).isEqualTo(202);
        ticketByWebhookId.put(id, new JsonObject(r.body()).getString("ticketId"));
      }
      first.kill();
      firstOutput = first.output();
      killLeftoverRedis(dataDir.resolve("data"));
    }

    try (GatewayProcess second =
        GatewayProcess.start(dataDir.resolve("data"), config, http, management)) {
      WebhookClient partner =
          new WebhookClient("http://127.0.0.1:" + http, "partner", TestGateway.SECRET);
      List<String> again = new ArrayList<>();
      for (Map.Entry<String, String> sent : ticketByWebhookId.entrySet()) {
        HttpResponse<String> r = partner.post(sent.getKey(), "{\"text\":\"重发\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        again.add(new JsonObject(r.body()).getString("ticketId"));
      }
      assertThat(again).containsExactlyElementsOf(ticketByWebhookId.values());
      assertThat(streamLength(second.redisPort(), "intake:{p0}:messages")).isEqualTo(N);
      assertThat(streamLength(second.redisPort(), "intake:{p0}:tickets")).isEqualTo(N);
      assertThat(reply(second.redisPort(), "CONFIG GET appendfsync", 5)).isEqualTo("always");
      long redisPid = redisPid(dataDir.resolve("data"));

      assertThat(second.terminate()).as("exit status after SIGTERM").isIn(0, 143);
      assertThat(second.output()).contains("[shutdown] stopped");
      assertThat(firstOutput + second.output())
          .as("no personal data in the logs")
          .doesNotContain("13912345678", "+8613912345678", "王小明", "路灯坏了");
      assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive))
          .isNotEqualTo(Optional.of(true));
    }
  }

  private static String body(int i) {
    return "{\"text\":\"第"
        + i
        + "条：路灯坏了\",\"citizen\":{\"phone\":\"13912345678\",\"name\":\"王小明\"}}";
  }

  /** kill -9 of the gateway leaves its redis-server child running: kill that too, just as hard. */
  private static void killLeftoverRedis(Path dataDir) throws Exception {
    Optional<ProcessHandle> redis = ProcessHandle.of(redisPid(dataDir));
    assertThat(redis).isPresent();
    redis.get().destroyForcibly();
    redis.get().onExit().get();
  }

  private static long redisPid(Path dataDir) throws java.io.IOException {
    return Long.parseLong(Files.readString(dataDir.resolve("redis").resolve("redis.pid")).trim());
  }

  /** The {@code line}-th line (1-based) of the RESP answer to an inline command. */
  private static String reply(int port, String command, int line) {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String answer = null;
      for (int i = 0; i < line; i++) {
        answer = in.readLine();
      }
      return answer;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long streamLength(int port, String key) {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("XLEN " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(line).startsWith(":");
      return Long.parseLong(line.substring(1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
