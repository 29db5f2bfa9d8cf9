package cn.gov12345.intake.support;

import cn.gov12345.intake.Gateway;
import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.stream.StreamKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole gateway for integration tests: real HTTP on free ports, the test Redis, its own key
 * prefix, and a webhook source {@code partner} whose secret is {@link #SECRET}.
 */
public final class TestGateway implements AutoCloseable {

  /** The {@code whsec_} secret of the test source {@code partner}. */
  public static final String SECRET = "whsec_dGVzdC1vbmx5LXBhcnRuZXItc2VjcmV0LTMyLWJ5dGVzISE=";

  private final Gateway gateway;
  private final GatewayConfig config;
  private final StreamKeys keys;

  private TestGateway(Gateway gateway, GatewayConfig config) {
    this.gateway = gateway;
    this.config = config;
    this.keys = new StreamKeys(config.stream().keyPrefix(), config.stream().partitions());
  }

  /** Starts a gateway on the test Redis with a fresh key prefix. */
  public static TestGateway start() throws IOException {
    return start("", Clock.systemUTC());
  }

  /**
   * Starts a gateway.
   *
   * @param extraYaml YAML laid over the test settings (e.g. {@code "stream:\n partitions: 4\n"})
   * @param clock the clock the channels see
   */
  public static TestGateway start(String extraYaml, Clock clock) throws IOException {
    GatewayConfig config = config(TestRedis.url(), TestRedis.freshPrefix(), extraYaml);
    return new TestGateway(Gateway.start(config, clock), config);
  }

  /**
   * Starts a gateway on an existing key prefix (a restart: the same Redis state, a new process).
   */
  public static TestGateway startOn(String prefix, String extraYaml) throws IOException {
    GatewayConfig config = config(TestRedis.url(), prefix, extraYaml);
    return new TestGateway(Gateway.start(config, Clock.systemUTC()), config);
  }

  /** A gateway on a Redis of the test's own (e.g. one it restarts). */
  public static TestGateway startAgainst(String redisUrl, String prefix, String extraYaml)
      throws IOException {
    GatewayConfig config = config(redisUrl, prefix, extraYaml);
    return new TestGateway(Gateway.start(config, Clock.systemUTC()), config);
  }

  /** The configuration a test gateway runs with, against the given Redis URL (empty = embedded). */
  public static GatewayConfig config(String redisUrl, String prefix, String extraYaml)
      throws IOException {
    Path file = Files.createTempFile("gateway-test", ".yaml");
    // no drain delay: a test's gateway stops at once (DrainIT sets one)
    String yaml =
        "http:\n"
            + "  drainDelay: 0s\n"
            + "stream:\n"
            + "  keyPrefix: "
            + prefix
            + "\n"
            + "channels:\n"
            + "  webhook:\n"
            + "    sources:\n"
            + "      partner:\n"
            + "        description: test partner\n"
            + "        secrets:\n"
            + "          - "
            + SECRET
            + "\n"
            + (redisUrl.equals(TestRedis.url()) ? TestRedis.gatewayYaml() : "");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    if (!extraYaml.isEmpty()) {
      Path extra = Files.createTempFile("gateway-test-extra", ".yaml");
      Files.writeString(extra, extraYaml, StandardCharsets.UTF_8);
      file = Yaml.merge(file, extra);
    }
    Map<String, String> env = new HashMap<>();
    env.put("INTAKE_HTTP_PORT", "0");
    env.put("INTAKE_MANAGEMENT_PORT", "0");
    env.put("INTAKE_REDIS_URL", redisUrl);
    env.put("INTAKE_DATA_DIR", Files.createTempDirectory("intake-data").toString());
    return new ConfigLoader(env::get).load(file);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.httpPort();
  }

  /** The public port. */
  public int httpPort() {
    return gateway.httpPort();
  }

  public String managementUrl() {
    return "http://127.0.0.1:" + gateway.managementPort();
  }

  /** The routes the port mounted: {@code public} or {@code management}. */
  public java.util.List<String> routes(String port) {
    return gateway.routes(port);
  }

  public GatewayConfig config() {
    return config;
  }

  public StreamKeys keys() {
    return keys;
  }

  public String prefix() {
    return config.stream().keyPrefix();
  }

  /** A webhook client for the {@code partner} source of this gateway. */
  public WebhookClient webhooks() {
    return new WebhookClient(baseUrl(), "partner", SECRET);
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
