package cn.gov12345.intake.support;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
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
 */
public final class TestRedis {

  private static String url;
  private static Vertx vertx;
  private static Redis client;

  private TestRedis() {}

  /** The Redis URL tests use; starts the bundled server on first use. */
  public static synchronized String url() {
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

  /** Every key under a prefix. */
  public static List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
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
      client =
          Redis.createClient(
              vertx, new RedisOptions().setConnectionString(url()).setMaxPoolSize(4));
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
