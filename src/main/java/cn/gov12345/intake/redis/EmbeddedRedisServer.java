package cn.gov12345.intake.redis;

import cn.gov12345.intake.config.Durability;
import cn.gov12345.intake.config.EmbeddedRedisConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The bundled real redis-server (from {@code com.github.codemonstur:embedded-redis}), started on a
 * loopback port with AOF persistence ({@code appendfsync everysec}, or {@code always} for {@code
 * durability: fsync}) and {@code noeviction} under {@code <dataDir>/redis}. A server left running
 * by a gateway that was killed (kill -9 leaves the child process behind) is found by its pid file
 * and shut down cleanly before a new one starts on the same AOF.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);
  private static final String PID_FILE = "redis.pid";

  private final RedisServer server;
  private final int port;
  private final Path directory;

  private EmbeddedRedisServer(RedisServer server, int port, Path directory) {
    this.server = server;
    this.port = port;
    this.directory = directory;
  }

  /**
   * Starts the server; blocks until it accepts connections.
   *
   * @param dataDir the gateway's data directory (the AOF goes under {@code redis/})
   * @param durability {@code fsync}: Redis fsyncs the AOF before it answers a write
   * @throws IOException when the binary cannot be started or the directory is not writable
   */
  public static EmbeddedRedisServer start(
      Path dataDir, EmbeddedRedisConfig config, Durability durability) throws IOException {
    Path dir = dataDir.resolve("redis").toAbsolutePath();
    Files.createDirectories(dir);
    stopLeftover(dir.resolve(PID_FILE));
    int port = config.port() == 0 ? freePort() : config.port();
    RedisServer server =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(port)
            .setting("dir " + dir)
            .setting("pidfile " + dir.resolve(PID_FILE))
            .setting("appendonly yes")
            .setting("appendfsync " + (durability == Durability.FSYNC ? "always" : "everysec"))
            .setting("save \"\"")
            .setting("maxmemory " + config.maxMemory())
            .setting("maxmemory-policy noeviction")
            // an append-only log rewrites often under load; each rewrite forks and copies on write,
            // which costs more than the appends themselves: rewrite less often
            .setting("auto-aof-rewrite-min-size 512mb")
            .setting("auto-aof-rewrite-percentage 200")
            .setting("protected-mode yes")
            .onShutdownForceStop(false)
            .build();
    server.start();
    return new EmbeddedRedisServer(server, port, dir);
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return directory;
  }

  /** Stops the server (SIGTERM: Redis flushes the AOF and exits). */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free loopback port (closed again before use; the gap is tiny and harmless at start-up). */
  public static int freePort() throws IOException {
    return freePorts(1)[0];
  }

  /**
   * Distinct free loopback ports: all are held open together while they are chosen, so two calls in
   * a row can never hand out the same port twice (they did: public and management port once came
   * out equal, and Vert.x then shared that one port between both routers).
   */
  public static int[] freePorts(int count) throws IOException {
    ServerSocket[] held = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        held[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = held[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  private static void stopLeftover(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
    Optional<ProcessHandle> leftover;
    try {
      leftover = ProcessHandle.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      leftover = Optional.empty();
    }
    Optional<ProcessHandle> redis =
        leftover
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false));
    if (redis.isPresent()) {
      ProcessHandle process = redis.get();
      LOG.warn(
          "[startup] a redis-server (pid {}) from an earlier run still holds the data dir; stopping it",
          process.pid());
      process.destroy();
      try {
        process.onExit().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
    Files.deleteIfExists(pidFile);
  }
}
