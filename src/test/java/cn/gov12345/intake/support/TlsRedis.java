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
  private final List<RedisProcess> servers;

  private TlsRedis(Path dir, List<RedisProcess> servers) {
    this.dir = dir;
    this.servers = servers;
  }

  /** Makes the certificates and starts one server. */
  public static TlsRedis start() {
    Path dir = pki();
    int port = RedisClusterTopology.clusterPorts(1)[0];
    List<String> config = new ArrayList<>(tlsConfig(dir, port, "server"));
    config.addAll(List.of("appendonly yes", "save \"\""));
    return new TlsRedis(dir, List.of(RedisProcess.start(port, config, false, cliOptions(dir))));
  }

  /**
   * A 3-master Redis Cluster that speaks only TLS, the cluster bus too ({@code tls-cluster yes}):
   * the nodes' certificate names {@code IP:127.0.0.1}, the address {@code CLUSTER SLOTS} answers.
   */
  public static TlsRedis cluster() {
    Path dir = pki();
    List<RedisProcess> nodes = new ArrayList<>();
    List<String> create = new ArrayList<>(List.of(RedisProcess.cliBinary(), "--cluster", "create"));
    for (int port : RedisClusterTopology.clusterPorts(3)) {
      List<String> config = new ArrayList<>(tlsConfig(dir, port, "node"));
      config.addAll(
          List.of(
              "tls-cluster yes",
              "tls-replication yes",
              "cluster-enabled yes",
              "cluster-config-file nodes.conf",
              "cluster-node-timeout 2000",
              "appendonly yes",
              "save \"\""));
      nodes.add(RedisProcess.start(port, config, false, cliOptions(dir)));
      create.add("127.0.0.1:" + port);
    }
    TlsRedis cluster = new TlsRedis(dir, nodes);
    create.add("--cluster-yes");
    create.addAll(cliOptions(dir));
    String out = RedisProcess.run(create, 60);
    if (!out.contains("[OK] All 16384 slots covered")) {
      cluster.close();
      throw new IllegalStateException("redis-cli --cluster create --tls failed:\n" + out);
    }
    RedisProcess.waitFor(
        30,
        () -> nodes.stream().allMatch(n -> n.cli("CLUSTER", "INFO").contains("cluster_state:ok")),
        () -> nodes.get(0).cli("CLUSTER", "NODES"));
    return cluster;
  }

  private static Path pki() {
    try {
      Path dir = Files.createTempDirectory("intake-tls-");
      ca(dir, "ca", "intake test CA");
      ca(dir, "other-ca", "some other CA");
      signed(dir, "server", "localhost", "subjectAltName=DNS:localhost");
      signed(dir, "node", "cluster node", "subjectAltName=IP:127.0.0.1");
      signed(dir, "client", "intake-gateway", "extendedKeyUsage=clientAuth");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> tlsConfig(Path dir, int port, String certificate) {
    return List.of(
        "port 0",
        "bind 127.0.0.1 -::1",
        "tls-port " + port,
        "tls-cert-file " + dir.resolve(certificate + ".crt"),
        "tls-key-file " + dir.resolve(certificate + ".key"),
        "tls-ca-cert-file " + dir.resolve("ca.crt"),
        "tls-auth-clients yes");
  }

  private static List<String> cliOptions(Path dir) {
    return List.of(
        "--tls",
        "--cacert",
        dir.resolve("ca.crt").toString(),
        "--cert",
        dir.resolve("client.crt").toString(),
        "--key",
        dir.resolve("client.key").toString());
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
    return "rediss://localhost:" + servers.get(0).port();
  }

  /**
   * {@code rediss://127.0.0.1:port}: the same server by an address its certificate omits (on a
   * {@link #cluster()}, the first node by the address its certificate names).
   */
  public String urlByAddress() {
    return "rediss://127.0.0.1:" + servers.get(0).port();
  }

  /**
   * The gateway's {@code redis} block for {@link #cluster()}: TLS as {@link #gatewayYaml}, mode
   * cluster, every node a seed.
   */
  public String clusterYaml() {
    StringBuilder yaml =
        new StringBuilder(gatewayYaml("ca.crt") + "  mode: cluster\n  endpoints:\n");
    servers.forEach(n -> yaml.append("    - rediss://127.0.0.1:").append(n.port()).append('\n'));
    return yaml.toString();
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

  /** redis-cli over TLS (as the gateway's client: CA + client certificate) to the first server. */
  public String cli(String... args) {
    return servers.get(0).cli(args);
  }

  /** redis-cli over TLS to each server (a Cluster: each master). */
  public List<String> cliEach(String... args) {
    return servers.stream().map(n -> n.cli(args)).toList();
  }

  @Override
  public void close() {
    servers.forEach(RedisProcess::kill);
  }
}
