package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppChannelConfigTest {

  static final Secret SECRET = Secret.of("a-real-app-secret-of-more-than-32-bytes");

  static AppAuthConfig auth(String url, String file, Secret secret) {
    return new AppAuthConfig(url, file, secret, "12345-app", "", null, null, null);
  }

  static List<String> problems(AppChannelConfig config, boolean production) {
    Problems p = new Problems();
    config.validate(p, production);
    return p.messages();
  }

  @Test
  void exactlyOneWayOfCheckingTokensIsConfigured() {
    AppChannelConfig none = new AppChannelConfig(65536, 9, auth("", "", null));
    AppChannelConfig two =
        new AppChannelConfig(65536, 9, auth("https://login.example/jwks.json", "", SECRET));

    assertThat(problems(none, false)).anyMatch(m -> m.startsWith("channels.app.auth: needs"));
    assertThat(problems(two, false)).anyMatch(m -> m.startsWith("channels.app.auth: needs"));
    assertThat(problems(new AppChannelConfig(65536, 9, auth("", "", SECRET)), true)).isEmpty();
  }

  @Test
  void productionNeedsHttpsKeySetsAndRealSecrets() {
    AppChannelConfig http =
        new AppChannelConfig(65536, 9, auth("http://login.example/jwks.json", "", null));
    AppChannelConfig placeholder =
        new AppChannelConfig(
            65536, 9, auth("", "", Secret.of("dev-only-app-jwt-secret-change-me-000000")));

    assertThat(problems(http, false)).isEmpty();
    assertThat(problems(http, true)).anyMatch(m -> m.startsWith("channels.app.auth.jwksUrl"));
    assertThat(problems(placeholder, true))
        .anyMatch(m -> m.startsWith("channels.app.auth.hs256Secret"));
  }

  @Test
  void limitsAreBounded() {
    AppAuthConfig bad =
        new AppAuthConfig(
            "",
            "",
            Secret.of("short"),
            " ",
            "",
            Duration.ofHours(1),
            Duration.ofSeconds(1),
            Duration.ofMillis(1));
    List<String> all = problems(new AppChannelConfig(10, 99, bad, Duration.ofHours(1)), false);

    assertThat(all)
        .anyMatch(m -> m.startsWith("channels.app.maxBodyBytes"))
        .anyMatch(m -> m.startsWith("channels.app.maxMedia"))
        .anyMatch(m -> m.startsWith("channels.app.idempotencyLock"))
        .anyMatch(m -> m.startsWith("channels.app.auth.hs256Secret"))
        .anyMatch(m -> m.startsWith("channels.app.auth.audience"))
        .anyMatch(m -> m.startsWith("channels.app.auth.clockSkew"))
        .anyMatch(m -> m.startsWith("channels.app.auth.maxTokenAge"))
        .anyMatch(m -> m.startsWith("channels.app.auth.jwksRefreshInterval"));
    assertThat(problems(new AppChannelConfig(65536, 9, null), false))
        .containsExactly("channels.app.auth: is required");
  }
}
