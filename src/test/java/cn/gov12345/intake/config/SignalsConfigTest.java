package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signals section: its defaults, every problem it reports, and signal routes in delivery. */
class SignalsConfigTest {

  @TempDir Path dir;

  GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(Map.<String, String>of()::get).load(file);
  }

  String problemsOf(String yaml) {
    return String.join(
        "\n", catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems());
  }

  @Test
  void theDefaultsAreOffWithA50MeterRadiusAndTwoAlertWindows() throws IOException {
    SignalsConfig signals = load("").signals();

    assertThat(signals.enabled()).isFalse();
    assertThat(signals.radiusMeters()).isEqualTo(50);
    assertThat(signals.repeatPeriod()).isEqualTo(Duration.ofDays(30));
    assertThat(signals.categories()).extracting(SignalsConfig.Category::name).contains("停水");
    assertThat(signals.alerts().windows())
        .extracting(w -> w.length().toMinutes())
        .containsExactly(15L, 60L);
    assertThat(signals.alerts().keywords()).contains("燃气泄漏");
  }

  @Test
  void badSignalSettingsAreAllReportedAtOnce() {
    String problems =
        problemsOf(
            "signals:\n  enabled: true\n  radiusMeters: 0\n  repeatPeriod: 90d\n  group: Bad Name\n"
                + "  categories:\n    - { name: 'a|b', keywords: [] }\n"
                + "  alerts:\n    step: 1m\n    alpha: 2\n"
                + "    windows: [ { length: 90s, floor: 0, factor: 0.5 } ]\n"
                + "    keywords: ['  ']\n");

    assertThat(problems)
        .contains("signals.radiusMeters")
        .contains("signals.repeatPeriod")
        .contains("signals.group")
        .contains("signals.categories")
        .contains("signals.alerts.alpha")
        .contains("lengths must be 1..120 whole steps")
        .contains("floor must be >= 1")
        .contains("factor must be >= 1")
        .contains("signals.alerts.keywords");
  }

  @Test
  void anUnknownSignalsKeyIsRefused() {
    assertThat(problemsOf("signals:\n  radius: 50\n")).contains("radius");
  }

  @Test
  void aDestinationMaySubscribeToSupervisionCluesButNotToArbitraryTypes() throws IOException {
    String destination =
        "delivery:\n  destinations:\n    supervision:\n      url: https://jw.example.gov.cn/hook\n"
            + "      secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]\n      eventTypes: [%s]\n";

    assertThat(
            load(destination.formatted("cn.gov12345.intake.supervision.clue.v1"))
                .delivery()
                .destinations()
                .get("supervision")
                .eventTypes())
        .containsExactly("cn.gov12345.intake.supervision.clue.v1");
    assertThat(problemsOf(destination.formatted("com.example.other.v1")))
        .contains("delivery.destinations.supervision.eventTypes");
  }
}
