package cn.gov12345.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway ({@code target/intake-gateway.jar}) run as a separate process, the way an
 * operator runs it, so a test can kill it with SIGKILL.
 */
final class GatewayProcess implements AutoCloseable {

  private static final Pattern EMBEDDED_PORT =
      Pattern.compile("embedded redis-server on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern READY = Pattern.compile("\\[startup] redis ");

  private final Process process;
  private final int redisPort;
  private final StringBuilder output;
  private final Thread reader;
  private final int httpPort;

  private GatewayProcess(
      Process process, int redisPort, StringBuilder output, Thread reader, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
    this.redisPort = redisPort;
    this.output = output;
    this.reader = reader;
  }

  /** Starts the jar and waits until it logged its Redis line (it then listens). */
  static GatewayProcess start(Path dataDir, Path configFile, int httpPort, int managementPort)
      throws IOException, InterruptedException {
    return start(dataDir, configFile, httpPort, managementPort, null);
  }

  /**
   * Starts the jar on an external Redis ({@code redisUrl}), or on its embedded one when null; waits
   * until it logged its Redis line. {@link #redisPort()} is -1 on an external Redis.
   */
  static GatewayProcess start(
      Path dataDir, Path configFile, int httpPort, int managementPort, String redisUrl)
      throws IOException, InterruptedException {
    Path jar = Path.of("target", "intake-gateway.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("run after `package`: " + jar + " is missing");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-Xmx256m", "-jar", jar.toString(), "--config", configFile.toString())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("INTAKE_DATA_DIR", dataDir.toString());
    env.put("INTAKE_HTTP_PORT", Integer.toString(httpPort));
    env.put("INTAKE_MANAGEMENT_PORT", Integer.toString(managementPort));
    if (redisUrl == null) {
      env.remove("INTAKE_REDIS_URL");
    } else {
      env.put("INTAKE_REDIS_URL", redisUrl);
    }
    env.remove("INTAKE_CONFIG");
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  Matcher m = EMBEDDED_PORT.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  } else if (READY.matcher(line).find()) {
                    port.complete(-1);
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("the gateway exited"));
            },
            "gateway-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new GatewayProcess(process, port.get(60, TimeUnit.SECONDS), output, reader, httpPort);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the gateway did not start:\n" + output, e);
    }
  }

  /** The public URL; the port is what the process was started with. */
  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  int redisPort() {
    return redisPort;
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed by the gateway. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the shutdown hook drains and stops the embedded Redis. */
  int terminate() throws InterruptedException {
    // through the handle: Process.destroy() would also close our end of its output pipe
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    reader.join(10_000);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
