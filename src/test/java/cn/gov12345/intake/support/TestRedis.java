package cn.gov12345.intake.support;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * The real Redis every Redis-touching test uses: {@code INTAKE_TEST_REDIS_URL} when set, otherwise
 * one bundled redis-server (6.2) started on a free loopback port for the whole test JVM. Tests
 * isolate themselves by key prefix ({@link #freshPrefix()}), never by flushing.
 *
 * <p>With {@code -Dintake.test.redis.topology=cluster} (or {@code INTAKE_TEST_REDIS_TOPOLOGY}) the
 * tests run on a real 3-master Redis Cluster ({@link RedisClusterTopology#shared()}): the gateways
 * they start get {@link #gatewayYaml()} (mode cluster, every node a seed) and helpers that read
 * Redis use {@link #options()}. The {@code cluster-suite} failsafe execution of {@code ./mvnw
 * verify} runs the {@code @Tag("cluster")} integration tests this way (docs/redis-topologies.md).
 */
public final class TestRedis {

  private static String url;
  private static Vertx vertx;
  private static Redis client;

  private TestRedis() {}

  /** True when the tests run on the Cluster topology. */
  public static boolean onCluster() {
    String topology = System.getProperty("intake.test.redis.topology");
    if (topology == null || topology.isBlank()) {
      topology = System.getenv("INTAKE_TEST_REDIS_TOPOLOGY");
    }
    return "cluster".equalsIgnoreCase(topology);
  }

  /** Client options for the test Redis (cluster type with every node a seed, on the Cluster). */
  public static RedisOptions options() {
    RedisOptions options = new RedisOptions().setMaxPoolSize(4);
    if (onCluster()) {
      return options
          .setType(RedisClientType.CLUSTER)
          .setEndpoints(new ArrayList<>(RedisClusterTopology.shared().urls()));
    }
    return options.setConnectionString(url());
  }

  /** The {@code redis:} settings a test gateway needs beyond the URL ("" on one server). */
  public static String gatewayYaml() {
    if (!onCluster()) {
      return "";
    }
    StringBuilder yaml = new StringBuilder("redis:\n  mode: cluster\n  endpoints:\n");
    RedisClusterTopology.shared().urls().forEach(u -> yaml.append("    - ").append(u).append('\n'));
    return yaml.toString();
  }

  /** The Redis URL tests use; starts the bundled server on first use. */
  public static synchronized String url() {
    if (url == null && onCluster()) {
      url = RedisClusterTopology.shared().urls().get(0);
    }
    if (url == null) {
      String configured = System.getenv("INTAKE_TEST_REDIS_URL");
      url = configured != null && !configured.isBlank() ? configured : startBundled();
    }
    return url;
  }

  /** A key prefix no other test uses. */
  public static String freshPrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Runs one command and waits for the answer. */
  public static Response call(Command command, Object... args) {
    Request request = Request.cmd(command);
    for (Object arg : args) {
      request.arg(arg.toString());
    }
    try {
      return client().send(request).await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Redis did not answer " + command, e);
    }
  }

  /** Number of entries in a stream (0 when it does not exist). */
  public static long streamLength(String key) {
    return call(Command.XLEN, key).toLong();
  }

  /** Every key under a prefix (on the Cluster: of every master). */
  public static List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    if (onCluster()) {
      for (RedisProcess master : RedisClusterTopology.shared().masters().values()) {
        for (String line : master.cli("KEYS", prefix + ":*").split("\n")) {
          if (!line.isBlank()) {
            out.add(line.trim());
          }
        }
      }
      return out;
    }
    for (Response r : call(Command.KEYS, prefix + ":*")) {
      out.add(r.toString());
    }
    return out;
  }

  /** The {@code event} field of every entry of a stream, oldest first. */
  public static List<String> events(String stream) {
    List<String> out = new ArrayList<>();
    for (Response entry : call(Command.XRANGE, stream, "-", "+")) {
      Response fields = entry.get(1);
      for (int i = 0; i < fields.size(); i += 2) {
        if (fields.get(i).toString().equals("event")) {
          out.add(fields.get(i + 1).toString(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static synchronized Redis client() {
    if (client == null) {
      vertx = Vertx.vertx();
      client = Redis.createClient(vertx, options());
    }
    return client;
  }

  private static String startBundled() {
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("intake-test-redis");
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("dir " + dir)
              .setting("appendonly no")
              .setting("save \"\"")
              .build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
      return "redis://127.0.0.1:" + port;
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled redis-server did not start", e);
    }
  }

  private static void stopQuietly(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      // the JVM is exiting; the OS reaps the child
    }
  }

  /** Distinct free loopback ports (for a process's public and management port). */
  public static int[] freePorts(int count) throws IOException {
    return cn.gov12345.intake.redis.EmbeddedRedisServer.freePorts(count);
  }

  /** A free loopback port. */
  public static int freePort() throws IOException {
    return cn.gov12345.intake.redis.EmbeddedRedisServer.freePort();
  }
}
