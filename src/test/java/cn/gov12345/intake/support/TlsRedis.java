package cn.gov12345.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server (Debian's 7.x, {@link RedisProcess}) that speaks only TLS: {@code port 0},
 * {@code tls-port}, and {@code tls-auth-clients yes} (the server's default: a client must show a
 * certificate of the same CA). The certificates are made for the test with {@code openssl} (a
 * self-signed CA, a server certificate for {@code DNS:localhost} (not {@code 127.0.0.1}) and a
 * client certificate, both signed by it) plus a second, unrelated CA that must not be trusted.
 * Killed by PID on {@link #close()} and at JVM exit.
 */
public final class TlsRedis implements AutoCloseable {

  private final Path dir;
  private final RedisProcess server;

  private TlsRedis(Path dir, RedisProcess server) {
    this.dir = dir;
    this.server = server;
  }

  /** Makes the certificates and starts the server. */
  public static TlsRedis start() {
    try {
      Path dir = Files.createTempDirectory("intake-tls-");
      ca(dir, "ca", "intake test CA");
      ca(dir, "other-ca", "some other CA");
      signed(dir, "server", "localhost", "subjectAltName=DNS:localhost");
      signed(dir, "client", "intake-gateway", "extendedKeyUsage=clientAuth");
      int port = RedisClusterTopology.clusterPorts(1)[0];
      List<String> config =
          List.of(
              "port 0",
              "bind 127.0.0.1 -::1",
              "tls-port " + port,
              "tls-cert-file " + dir.resolve("server.crt"),
              "tls-key-file " + dir.resolve("server.key"),
              "tls-ca-cert-file " + dir.resolve("ca.crt"),
              "tls-auth-clients yes",
              "appendonly yes",
              "save \"\"");
      List<String> cli =
          List.of(
              "--tls",
              "--cacert",
              dir.resolve("ca.crt").toString(),
              "--cert",
              dir.resolve("client.crt").toString(),
              "--key",
              dir.resolve("client.key").toString());
      return new TlsRedis(dir, RedisProcess.start(port, config, false, cli));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void ca(Path dir, String name, String subject) {
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + subject,
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt");
  }

  private static void signed(Path dir, String name, String subject, String extension)
      throws IOException {
    openssl(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=" + subject,
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("openssl not found (apt-get install openssl)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code rediss://localhost:port}: the name the server certificate carries. */
  public String url() {
    return "rediss://localhost:" + server.port();
  }

  /** {@code rediss://127.0.0.1:port}: the same server by an address its certificate omits. */
  public String urlByAddress() {
    return "rediss://127.0.0.1:" + server.port();
  }

  /** A file of the test PKI: {@code ca.crt}, {@code other-ca.crt}, {@code client.crt}, … */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /**
   * The gateway's {@code redis.tls} block trusting {@code caFile}, with the client certificate (the
   * block ends the YAML: a test may append {@code tls} settings). Generous timeouts: start-up
   * judges the first handshake only if it ends within connect + command timeout, and a JVM's first
   * TLS handshake on a loaded CI box can take seconds.
   */
  public String gatewayYaml(String caFile) {
    return "redis:\n  connectTimeout: 10s\n  commandTimeout: 15s\n  tls:\n    trustCertificate: "
        + file(caFile)
        + "\n    clientCertificate: "
        + file("client.crt")
        + "\n    clientKey: "
        + file("client.key")
        + "\n";
  }

  /** redis-cli over TLS (as the gateway's client: CA + client certificate). */
  public String cli(String... args) {
    return server.cli(args);
  }

  @Override
  public void close() {
    server.kill();
  }
}
