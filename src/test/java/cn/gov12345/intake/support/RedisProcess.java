package cn.gov12345.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One real {@code redis-server} (or sentinel) process on a loopback port, in a temp directory of
 * its own, for the test topologies ({@link RedisClusterTopology}, {@link RedisSentinelTopology}).
 * Started from Debian's {@code /usr/bin/redis-server} (7.x; {@code .ci/run} installs it), or the
 * binary named by {@code INTAKE_TEST_REDIS_SERVER}. Killed by PID ({@link #kill()} is {@code kill
 * -9}), and always at JVM exit.
 */
public final class RedisProcess {

  private final int port;
  private final Path dir;
  private final List<String> command;
  private final Process process;
  private final List<String> cliOptions;

  private RedisProcess(
      int port, Path dir, List<String> command, Process process, List<String> cliOptions) {
    this.port = port;
    this.dir = dir;
    this.command = command;
    this.process = process;
    this.cliOptions = cliOptions;
  }

  /** The redis-server binary the topologies run. */
  public static String serverBinary() {
    String configured = System.getenv("INTAKE_TEST_REDIS_SERVER");
    return configured != null && !configured.isBlank() ? configured : "/usr/bin/redis-server";
  }

  /** The redis-cli binary next to {@link #serverBinary()}. */
  public static String cliBinary() {
    Path sibling = Path.of(serverBinary()).resolveSibling("redis-cli");
    return Files.isExecutable(sibling) ? sibling.toString() : "/usr/bin/redis-cli";
  }

  /**
   * Starts a server with the given config lines (written to {@code redis.conf}; port, bind, dir and
   * logfile are added) and waits until it answers PING.
   *
   * @param sentinel run as a sentinel ({@code --sentinel})
   */
  public static RedisProcess start(int port, List<String> config, boolean sentinel) {
    return start(port, config, sentinel, List.of());
  }

  /**
   * Starts a server as {@link #start(int, List, boolean)} does, with options for every redis-cli
   * call ({@link #cli}): {@code --tls --cacert …} for a server with {@code tls-port} ({@link
   * TlsRedis}).
   */
  public static RedisProcess start(
      int port, List<String> config, boolean sentinel, List<String> cliOptions) {
    try {
      Path dir = Files.createTempDirectory("intake-topology-" + port + "-");
      List<String> lines = new ArrayList<>();
      lines.add("port " + port);
      lines.add("bind 127.0.0.1");
      lines.add("dir " + dir);
      lines.add("logfile " + dir.resolve("redis.log"));
      lines.add("daemonize no");
      lines.addAll(config);
      Path conf = dir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
      Files.write(conf, lines, StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(serverBinary(), conf.toString()));
      if (sentinel) {
        command.add("--sentinel");
      }
      return launch(port, dir, command, cliOptions);
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server did not start on port " + port, e);
    }
  }

  private static RedisProcess launch(
      int port, Path dir, List<String> command, List<String> cliOptions) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
            .start();
    RedisProcess server = new RedisProcess(port, dir, command, p, cliOptions);
    Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
    waitFor(10, () -> server.cli("PING").equals("PONG"), server::log);
    return server;
  }

  /** Starts the same server again (same port, directory and data) after {@link #kill()}. */
  public RedisProcess restart() {
    try {
      return launch(port, dir, command, cliOptions);
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server did not restart on port " + port, e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** {@code redis://127.0.0.1:port}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Runs redis-cli against this server; its standard output, trimmed ("" when it failed). */
  public String cli(String... args) {
    List<String> command =
        new ArrayList<>(List.of(cliBinary(), "-h", "127.0.0.1", "-p", "" + port));
    command.addAll(cliOptions);
    command.addAll(List.of(args));
    return run(command, 10);
  }

  /** Runs a command line and returns its output (stdout and stderr), trimmed. */
  static String run(List<String> command, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * Polls {@code condition} every 100 ms for up to {@code seconds}.
   *
   * @throws IllegalStateException naming {@code why} when it never held
   */
  static void waitFor(int seconds, BooleanSupplier condition, Supplier<String> why) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Redis topology not ready after " + seconds + " s: " + why.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code kill -9}: the process dies without a chance to flush or hand over. */
  public void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code kill -STOP}: the process stops answering, its connections stay open. */
  public void pause() {
    run(List.of("kill", "-STOP", "" + pid()), 5);
  }

  /** {@code kill -CONT} after {@link #pause()}. */
  public void resume() {
    run(List.of("kill", "-CONT", "" + pid()), 5);
  }

  /** The server's log (for a failure message). */
  public String log() {
    try {
      Path log = dir.resolve("redis.log");
      return Files.exists(log) ? Files.readString(log) : "(no log yet)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
