package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String REAL_PSEUDONYM_KEY = "f3Q9kZ2mW8xR4tY7uB1nC6vL0pA5sD3gH8jK2";
  static final String REAL_CONTACT_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
  static final String REAL_WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(env::get).load(file);
  }

  ConfigException problemsOf(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml));
  }

  @Test
  void theBundledDefaultsLoadAndStartEmbeddedRedis() {
    GatewayConfig config = new ConfigLoader(env::get).load(null);

    assertThat(config.profile()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.management().port()).isEqualTo(9090);
    assertThat(config.redis().isEmbedded()).isTrue();
    assertThat(config.stream().partitions()).isEqualTo(1);
    assertThat(config.stream().dedupTtl()).isEqualTo(Duration.ofHours(48));
  }

  @Test
  void anOperatorFileOverlaysTheDefaultsKeyByKey() throws IOException {
    GatewayConfig config = load("http:\n  port: 18080\nstream:\n  partitions: 4\n");

    assertThat(config.http().port()).isEqualTo(18080);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.stream().partitions()).isEqualTo(4);
    assertThat(config.stream().keyPrefix()).isEqualTo("intake");
  }

  @Test
  void environmentOverridesWinOverTheFile() throws IOException {
    env.put("INTAKE_HTTP_PORT", "18081");
    env.put("INTAKE_MANAGEMENT_PORT", "19091");
    env.put("INTAKE_REDIS_URL", "redis://:hunter2@redis.internal:6380/0");
    env.put("INTAKE_DATA_DIR", "/var/lib/intake");

    GatewayConfig config = load("http:\n  port: 18080\n");

    assertThat(config.http().port()).isEqualTo(18081);
    assertThat(config.management().port()).isEqualTo(19091);
    assertThat(config.redis().url().reveal()).isEqualTo("redis://:hunter2@redis.internal:6380/0");
    assertThat(config.redis().isEmbedded()).isFalse();
    assertThat(config.dataDir()).isEqualTo("/var/lib/intake");
  }

  @Test
  void placeholdersReadTheEnvironmentOrTheirDefault() throws IOException {
    env.put("PORT_FROM_ENV", "18082");

    GatewayConfig config =
        load("http:\n  port: ${PORT_FROM_ENV}\nstream:\n  keyPrefix: ${UNSET_PREFIX:fallback}\n");

    assertThat(config.http().port()).isEqualTo(18082);
    assertThat(config.stream().keyPrefix()).isEqualTo("fallback");
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItsPath() {
    ConfigException e = problemsOf("http:\n  prot: 8080\n");

    assertThat(e.problems()).anyMatch(p -> p.contains("http.prot") && p.contains("unknown key"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e =
        problemsOf(
            "http:\n  port: 70000\nstream:\n  partitions: 0\n"
                + "redis:\n  url: http://wrong\nmanagement:\n  port: -1\n"
                + "madeUp: true\n");

    assertThat(e.problems().size()).isGreaterThanOrEqualTo(4);
    assertThat(String.join("\n", e.problems()))
        .contains("madeUp")
        .contains("redis.url")
        .contains("stream.partitions")
        .contains("http.port");
  }

  @Test
  void aMissingEnvironmentVariableWithoutDefaultIsAProblem() {
    ConfigException e = problemsOf("stream:\n  keyPrefix: ${NOT_SET_ANYWHERE}\n");

    assertThat(e.problems()).anyMatch(p -> p.contains("NOT_SET_ANYWHERE"));
  }

  @Test
  void productionRefusesTheEmbeddedRedisAndEveryPlaceholderSecret() {
    ConfigException e = problemsOf("profile: production\n");

    String all = String.join("\n", e.problems());
    assertThat(all).contains("redis.url").contains("identity.pseudonymKey");
    assertThat(all).contains("identity.contactKeys.dev-1");
    assertThat(all).contains("channels.webhook.sources.demo");
    assertThat(all).contains("channels.app.auth.hs256Secret");
  }

  @Test
  void productionStartsWithRealSecretsAndAnExternalRedis() throws IOException {
    env.put("INTAKE_REDIS_URL", "redis://redis.internal:6379");
    env.put("INTAKE_PSEUDONYM_KEY", REAL_PSEUDONYM_KEY);
    env.put("INTAKE_CONTACT_KEY", REAL_CONTACT_KEY);
    env.put("INTAKE_APP_JWT_SECRET", REAL_PSEUDONYM_KEY);
    env.put("INTAKE_WEB_POW_KEY", REAL_PSEUDONYM_KEY + "-pow");
    env.put("INTAKE_WEB_CSRF_SECRET", REAL_PSEUDONYM_KEY + "-csrf");

    GatewayConfig config =
        load(
            "profile: production\n"
                + "channels:\n  webhook:\n    sources:\n      district:\n"
                + "        description: a district platform\n"
                + "        secrets: ['"
                + REAL_WEBHOOK_SECRET
                + "']\n");

    assertThat(config.profile()).isEqualTo(Profile.PRODUCTION);
    assertThat(config.channels().webhook().sources()).containsOnlyKeys("district");
  }

  @Test
  void productionRefusesTheWebFormsPlaceholderKeys() {
    env.put("INTAKE_REDIS_URL", "redis://redis.internal:6379");
    env.put("INTAKE_PSEUDONYM_KEY", REAL_PSEUDONYM_KEY);
    env.put("INTAKE_CONTACT_KEY", REAL_CONTACT_KEY);

    ConfigException e = problemsOf("profile: production\n");

    assertThat(String.join("\n", e.problems()))
        .contains("channels.web.powHmacKey", "channels.web.csrfSecret");
  }

  @Test
  void webLimitsGrowFromHourToDayToEveryoneAndProxiesAreCidrs() {
    ConfigException e =
        problemsOf(
            "http:\n  trustedProxies: [10.0.0.0/8, proxy.internal]\n"
                + "channels:\n  web:\n    perIpHour: 50\n    perIpDay: 40\n    maxPhotos: 30\n");

    assertThat(String.join("\n", e.problems()))
        .contains(
            "channels.web.perIpDay",
            "channels.web.maxPhotos",
            "http.trustedProxies: not a CIDR: proxy.internal")
        .doesNotContain("10.0.0.0/8");
  }

  @Test
  void productionRefusesAShortSecret() {
    env.put("INTAKE_REDIS_URL", "redis://redis.internal:6379");
    env.put("INTAKE_PSEUDONYM_KEY", "short");
    env.put("INTAKE_CONTACT_KEY", REAL_CONTACT_KEY);

    ConfigException e =
        problemsOf(
            "profile: production\nchannels:\n  webhook:\n    sources:\n      d:\n"
                + "        secrets: ['whsec_c2hvcnQ=']\n");

    assertThat(String.join("\n", e.problems()))
        .contains("identity.pseudonymKey")
        .contains("channels.webhook.sources.d");
  }

  @Test
  void toStringNeverRevealsASecret() throws IOException {
    env.put("INTAKE_REDIS_URL", "redis://:hunter2@redis.internal:6379");
    env.put("INTAKE_PSEUDONYM_KEY", REAL_PSEUDONYM_KEY);

    String shown = load("").toString();

    assertThat(shown)
        .doesNotContain("hunter2")
        .doesNotContain(REAL_PSEUDONYM_KEY)
        .doesNotContain("ZGV2LW9ubHktY29udGFjdC1rZXktY2hhbmdlLW1lISE=")
        .doesNotContain("whsec_");
  }

  @Test
  void noDestinationsByDefault() {
    GatewayConfig config = new ConfigLoader(env::get).load(null);

    assertThat(config.delivery().destinations()).isEmpty();
    assertThat(config.delivery().adminEnabled()).isFalse();
  }

  @Test
  void aDestinationGetsTheDefaultScheduleConcurrencyAndTimeout() throws IOException {
    GatewayConfig config =
        load(
            "delivery:\n  destinations:\n    work-orders:\n"
                + "      url: https://orders.example.cn/hook\n"
                + "      secrets: ['"
                + REAL_WEBHOOK_SECRET
                + "']\n");

    var d = config.delivery().destinations().get("work-orders");
    assertThat(d.retrySchedule()).hasSize(10).startsWith(Duration.ZERO, Duration.ofSeconds(5));
    assertThat(d.retrySchedule().get(9)).isEqualTo(Duration.ofHours(24));
    assertThat(d.maxConcurrency()).isEqualTo(16);
    assertThat(d.eventTypes()).containsExactly("cn.gov12345.intake.ticket.opened.v1");
    assertThat(config.toString()).doesNotContain(REAL_WEBHOOK_SECRET.substring(6));
  }

  @Test
  void everyDestinationProblemIsReportedAtOnce() {
    ConfigException e =
        problemsOf(
            "delivery:\n  adminToken: short\n  destinations:\n    Bad_Name:\n"
                + "      url: ftp://x\n      secrets: ['nope', 'whsec_c2hvcnQ=', 'x']\n"
                + "      maxConcurrency: 0\n      route:\n        regionPrefixes: ['11a']\n"
                + "      color: red\n");

    assertThat(String.join("\n", e.problems()))
        .contains("delivery.adminToken")
        .contains("delivery.destinations.Bad_Name: destination names")
        .contains("delivery.destinations.Bad_Name.url")
        .contains("delivery.destinations.Bad_Name.secrets[0]")
        .contains("delivery.destinations.Bad_Name.secrets: holds at most two")
        .contains("delivery.destinations.Bad_Name.maxConcurrency")
        .contains("delivery.destinations.Bad_Name.route.regionPrefixes")
        .contains("color: unknown key");
  }

  @Test
  void productionRefusesAPlaceholderAdminToken() {
    ConfigException e =
        problemsOf(
            "profile: production\ndelivery:\n  adminToken: dev-only-admin-token-change-me\n");

    assertThat(String.join("\n", e.problems())).contains("delivery.adminToken: is a development");
  }

  @Test
  void pullConsumersAreCheckedAndProductionRefusesTheExampleKeyHash() {
    ConfigException e =
        problemsOf(
            "profile: production\n"
                + "pull:\n  defaultLimit: 5000\n  consumers:\n"
                + "    Bad_Name:\n      keySha256: abc\n"
                + "    example:\n      keySha256: "
                + PullConsumerConfig.sha256Hex(PullConsumerConfig.PLACEHOLDER_KEY)
                + "\n      eventTypes: ['Not A Type']\n");

    assertThat(String.join("\n", e.problems()))
        .contains("pull.defaultLimit")
        .contains("pull.consumers.Bad_Name")
        .contains("pull.consumers.Bad_Name.keySha256")
        .contains("pull.consumers.example.keySha256: is a development placeholder")
        .contains("pull.consumers.example.eventTypes[0]");
  }

  @Test
  void anOperatorDeclaresPullConsumersAndTheDefaultsHaveNone() throws IOException {
    GatewayConfig config =
        load(
            "pull:\n  consumers:\n    dispatch:\n      keySha256: "
                + PullConsumerConfig.sha256Hex("k")
                + "\n");

    assertThat(config.pull().consumers()).containsOnlyKeys("dispatch");
    assertThat(config.pull().consumers().get("dispatch").eventTypes()).isEmpty();
    assertThat(new ConfigLoader(env::get).load(null).pull().consumers()).isEmpty();
  }
}
