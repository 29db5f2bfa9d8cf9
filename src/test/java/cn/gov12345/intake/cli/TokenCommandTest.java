package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token}: a development app JWT the configured HS256 app auth accepts. */
class TokenCommandTest {

  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @TempDir Path dir;
  final CliRun cli = new CliRun(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
  final GatewayConfig defaults = new ConfigLoader(Map.<String, String>of()::get).load(null);

  @Test
  void itPrintsAnHs256TokenWithTheClaimsTheGatewayChecks() throws Exception {
    assertThat(cli.run("token", "--subject", "user-42", "--ttl", "30m")).isZero();

    SignedJWT jwt = SignedJWT.parse(cli.out().trim());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(defaults.channels().app().auth().hs256Secret().utf8())))
        .isTrue();
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user-42");
    assertThat(jwt.getJWTClaimsSet().getAudience()).isEqualTo(List.of("12345-app"));
    assertThat(jwt.getJWTClaimsSet().getIssueTime()).isEqualTo(Date.from(NOW));
    assertThat(jwt.getJWTClaimsSet().getExpirationTime())
        .isEqualTo(Date.from(NOW.plusSeconds(1800)));
    assertThat(jwt.getJWTClaimsSet().getIssuer()).as("no issuer configured").isNull();
  }

  @Test
  void theConfiguredIssuerIsCarried() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("iss.yaml"),
            "channels:\n  app:\n    auth:\n      issuer: https://login.example\n");

    assertThat(cli.run("token", "--config", file.toString())).isZero();

    SignedJWT jwt = SignedJWT.parse(cli.out().trim());
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://login.example");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("dev-user-1");
  }

  @Test
  void aKeySetConfigurationOrABadLifetimeIsAUsageErrorAndPrintsNoToken() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("rs.yaml"),
            "channels:\n  app:\n    auth:\n      hs256Secret: \"\"\n"
                + "      jwksUrl: https://login.example/jwks.json\n");

    assertThat(cli.run("token", "--config", file.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("RS256");
    assertThat(cli.run("token", "--ttl", "soon")).isEqualTo(2);
    assertThat(cli.err()).contains("--ttl");
    assertThat(cli.out()).isEmpty();
  }
}
