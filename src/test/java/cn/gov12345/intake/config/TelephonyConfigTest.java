package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code channels.telephony}: defaults, integrations, and every mistake reported at once. */
class TelephonyConfigTest {

  static GatewayConfig load(String yaml) throws IOException {
    Path file = Files.createTempFile("telephony", ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(Map.<String, String>of()::get).load(file);
  }

  @Test
  void theDefaultsHaveNoIntegrationsAndOpenAroundTheClock() throws IOException {
    TelephonyChannelConfig t =
        new ConfigLoader(Map.<String, String>of()::get).load(null).channels().telephony();
    assertThat(t.isEmpty()).isTrue();
    assertThat(t.callTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(t.opensAt()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(t.closesAt()).isEqualTo(LocalTime.MAX);
    assertThat(TelephonyChannelConfig.none().isEmpty()).isTrue();
    OutboundConfig o = new ConfigLoader(Map.<String, String>of()::get).load(null).outbound();
    assertThat(o.allowPrivateNetworks()).isFalse();
    assertThat(o.privateHosts()).isEmpty();
    assertThat(o.maxRedirects()).isEqualTo(3);
    assertThat(t.recordingUrlPrefixes("cti", "pbx")).isEmpty();
  }

  @Test
  void integrationsLoadWithTheirSecretsRedactedAndBuiltInTwiml() throws IOException {
    TelephonyChannelConfig t =
        load(TelephonyFixtures.yaml("https://api.twilio.com/", "    businessHours: 08:00-20:00\n"))
            .channels()
            .telephony();
    assertThat(t.isEmpty()).isFalse();
    assertThat(t.twilio().get("hotline").twimlAfterHours()).contains("<Record", "zh-CN");
    assertThat(t.toString()).doesNotContain(TelephonyFixtures.TWILIO_TOKEN);
    assertThat(t.opensAt()).isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void everyMistakeIsReportedWithItsPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    "profile: production\n"
                        + "redis:\n  url: redis://127.0.0.1:6379\n"
                        + "channels:\n  telephony:\n"
                        + "    businessHours: 8-20\n"
                        + "    recordingRetry: []\n"
                        + "    twilio:\n      Bad_Name:\n        accountSid: nope\n"
                        + "        publicBaseUrl: ftp://x\n        twimlOpen: hello\n"
                        + "    zammad:\n      pbx:\n        token: short\n"
                        + "    cti:\n      pbx:\n        secrets: [ nope ]\n"
                        + "    ctiRecordingUrlPrefixes:\n"
                        + "      pbx: [ \"httpfile://pbx/\" ]\n"
                        + "      nobody: [ \"https://x.example/\" ]\n"
                        + "outbound:\n  maxRedirects: 11\n  privateHosts: [ \"a b\" ]\n"));
    assertThat(String.join("\n", e.problems()))
        .contains(
            "channels.telephony.businessHours",
            "channels.telephony.recordingRetry",
            "channels.telephony.twilio.Bad_Name: account names",
            "channels.telephony.twilio.Bad_Name.accountSid",
            "channels.telephony.twilio.Bad_Name.authToken",
            "channels.telephony.twilio.Bad_Name.publicBaseUrl",
            "channels.telephony.twilio.Bad_Name.twimlOpen",
            "channels.telephony.zammad.pbx.token",
            "channels.telephony.cti.pbx.secrets[0]",
            "channels.telephony.ctiRecordingUrlPrefixes.pbx: must be http(s) URL prefixes",
            "channels.telephony.ctiRecordingUrlPrefixes.nobody: names no source",
            "outbound.maxRedirects",
            "outbound.privateHosts");
  }
}
