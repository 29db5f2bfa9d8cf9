package cn.gov12345.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.redis.EmbeddedRedisServer;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * {@code redis.durability: replicated}: the ack waits until a replica holds the append (WAIT); with
 * the replica gone the answer is 503 and a retry, once it is back, is a duplicate of the stored
 * append — never a second ticket.
 */
class ReplicatedDurabilityIT {

  private static final String REPLICATED =
      "redis:\n  durability: replicated\n  replicas: 1\n  replicationTimeout: 300ms\n";

  @Test
  void theAckWaitsForTheReplicaAndWithoutItIsA503ThatARetryResolves() throws Exception {
    int[] ports = EmbeddedRedisServer.freePorts(2);
    RedisServer master = server(ports[0], Files.createTempDirectory("master"), "appendonly yes");
    master.start();
    Path replicaDir = Files.createTempDirectory("replica");
    // no AOF on the replica: while a replica writes its initial AOF after a sync, Redis refuses to
    // shut down ("Writing initial AOF, can't exit") and stop() would wait forever
    RedisServer replica =
        server(ports[1], replicaDir, "appendonly no", "replicaof 127.0.0.1 " + ports[0]);
    replica.start();
    try (TestGateway gateway =
        TestGateway.startAgainst("redis://127.0.0.1:" + ports[0], "repl", REPLICATED)) {
      Eventually.await(
          Duration.ofSeconds(10),
          () -> assertThat(inline(ports[0], "INFO replication")).contains("connected_slaves:1"));
      HttpResponse<String> first = gateway.webhooks().post("{\"text\":\"路灯不亮\"}");
      assertThat(first.statusCode()).isEqualTo(202);
      String stream = gateway.keys().tickets(0);
      // acked means the replica holds it: read it there, not on the master
      assertThat(inline(ports[1], "XLEN " + stream)).isEqualTo(":1");

      replica.stop();
      String id = "msg_replica_down";
      HttpResponse<String> refused = gateway.webhooks().post(id, "{\"text\":\"井盖丢失\"}");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("store_unavailable");

      replica.start();
      Eventually.await(
          Duration.ofSeconds(10),
          () -> {
            HttpResponse<String> retry = gateway.webhooks().post(id, "{\"text\":\"井盖丢失\"}");
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(retry.body()).getString("status")).isEqualTo("duplicate");
          });
      assertThat(inline(ports[0], "XLEN " + stream)).isEqualTo(":2");
    } finally {
      replica.stop();
      master.stop();
    }
  }

  private static RedisServer server(int port, Path dir, String... settings) throws IOException {
    var builder =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(port)
            .setting("dir " + dir)
            .setting("save \"\"");
    for (String setting : settings) {
      builder.setting(setting);
    }
    return builder.build();
  }

  /** One inline command; the first line of the answer (or the whole bulk for INFO). */
  private static String inline(int port, String command) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write((command + "\r\n").getBytes(UTF_8));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      String first = in.readLine();
      if (!first.startsWith("$")) {
        return first;
      }
      char[] body = new char[Integer.parseInt(first.substring(1))];
      int read = 0;
      while (read < body.length) {
        read += in.read(body, read, body.length - read);
      }
      return new String(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
