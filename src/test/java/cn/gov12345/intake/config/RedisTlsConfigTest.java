package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis.tls}: read at start, every problem at once (RedisTlsIT runs it on a real server).
 */
class RedisTlsConfigTest {

  private static final String TLS_URL = "redis:\n  url: rediss://redis.internal:6380\n";

  @TempDir Path dir;

  GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(name -> null).load(file);
  }

  List<String> problemsOf(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
  }

  @Test
  void rediss_usesTlsWithHostnameChecksAndTheJvmTrustStoreByDefault() throws IOException {
    RedisConfig redis = load(TLS_URL).redis();

    assertThat(redis.usesTls()).isTrue();
    assertThat(redis.tls().verifyHostname()).isTrue();
    assertThat(redis.tls().trustCertificate()).isEmpty();
    assertThat(redis.toString()).contains("tls=true");
    assertThat(load("redis:\n  url: redis://redis.internal:6379\n").redis().usesTls()).isFalse();
  }

  @Test
  void aTrustCertificateThatIsMissingOrNotAPemCertificateIsRefused() throws IOException {
    Path notPem = Files.writeString(dir.resolve("ca.crt"), "hello");

    assertThat(problemsOf(TLS_URL + "  tls:\n    trustCertificate: " + dir.resolve("none.crt")))
        .anyMatch(p -> p.startsWith("redis.tls.trustCertificate: cannot read"));
    assertThat(problemsOf(TLS_URL + "  tls:\n    trustCertificate: " + notPem))
        .anyMatch(p -> p.startsWith("redis.tls.trustCertificate: not a PEM certificate"));
  }

  @Test
  void aClientCertificateNeedsItsKeyAndTheKeyMustBePem() throws IOException {
    Path key = Files.writeString(dir.resolve("client.key"), "not a key");

    assertThat(problemsOf(TLS_URL + "  tls:\n    clientKey: " + key))
        .anyMatch(
            p -> p.contains("redis.tls.clientCertificate: and redis.tls.clientKey go together"))
        .anyMatch(p -> p.startsWith("redis.tls.clientKey: not a PEM private key"));
  }

  @Test
  void certificatesWithoutARedissUrlAndMixedSchemesAreRefused() throws IOException {
    Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n");
    String plain = "redis:\n  url: redis://redis.internal:6379\n";

    assertThat(problemsOf(plain + "  tls:\n    clientKey: " + key))
        .anyMatch(
            p -> p.startsWith("redis.tls: certificates are set but no Redis URL is rediss://"));
    assertThat(
            problemsOf(
                "redis:\n  url: rediss://a:6380\n  mode: cluster\n  endpoints: [redis://b:6379]\n"))
        .anyMatch(p -> p.startsWith("redis.endpoints: mix rediss:// and redis://"));
  }
}
