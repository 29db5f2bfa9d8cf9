package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.model.AppealType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status, lookup and Open311 sections: their defaults and every problem they report. */
class StatusAndOpen311ConfigTest {

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
  void theDefaultsKeepStatusRecords400DaysAndLimitLookupsPerIpAndPerNumber() throws IOException {
    GatewayConfig config = load("");

    assertThat(config.status().retention()).isEqualTo(Duration.ofDays(400));
    assertThat(config.lookup().ipLimits())
        .extracting(l -> l.name() + "=" + l.max())
        .containsExactly("lookup-ip-3600s=30", "lookup-ip-86400s=200");
    assertThat(config.lookup().trackingNumberLimits())
        .extracting(l -> l.max())
        .containsExactly(10L, 30L);
  }

  @Test
  void theDefaultOpen311ServicesMapToAppealTypesAndNoClientIsConfigured() throws IOException {
    Open311ChannelConfig open311 = load("").channels().open311();

    assertThat(open311.clients()).isEmpty();
    assertThat(open311.services()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(open311.services().get(0).serviceCode()).isEqualTo("water-supply");
    assertThat(open311.services().get(0).type()).isEqualTo(AppealType.HELP);
  }

  @Test
  void badStatusAndLookupSettingsAreAllReported() {
    String problems =
        problemsOf(
            "status:\n  retention: 1h\n  maxBodyBytes: 10\n"
                + "lookup:\n  rateLimits:\n    perIp: []\n"
                + "    perTrackingNumber: [ { max: 0, window: 10ms } ]\n");

    assertThat(problems)
        .contains(
            "status.retention",
            "status.maxBodyBytes",
            "lookup.rateLimits.perIp",
            "lookup.rateLimits.perTrackingNumber[0].max",
            "lookup.rateLimits.perTrackingNumber[0].window");
  }

  @Test
  void badOpen311ServicesAndClientsAreAllReported() {
    String problems =
        problemsOf(
            "channels:\n  open311:\n    clients:\n      App:\n        apiKeySha256: xyz\n"
                + "    services:\n"
                + "      - { serviceCode: 'a b', name: '', appealType: wish, category: '' }\n"
                + "      - { serviceCode: x, name: X, appealType: 投诉, category: C }\n"
                + "      - { serviceCode: x, name: Y, appealType: help, category: C,"
                + " keywords: ['a,b'] }\n");

    assertThat(problems)
        .contains(
            "channels.open311.clients.App",
            "channels.open311.clients.App.apiKeySha256",
            "channels.open311.services[0].serviceCode",
            "channels.open311.services[0].name",
            "channels.open311.services[0].appealType",
            "channels.open311.services[0].category",
            "channels.open311.services[2].serviceCode: is used twice",
            "channels.open311.services[2].keywords");
  }

  @Test
  void productionRefusesThePlaceholderOpen311Key() {
    String problems =
        problemsOf(
            "profile: production\nchannels:\n  open311:\n    clients:\n      city-app:\n"
                + "        apiKeySha256: "
                + PullConsumerConfig.sha256Hex(Open311ClientConfig.PLACEHOLDER_KEY)
                + "\n");

    assertThat(problems).contains("channels.open311.clients.city-app.apiKeySha256");
  }
}
