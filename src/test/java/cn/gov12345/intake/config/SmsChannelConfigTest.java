package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The inbound SMS channel's config: defaults, both providers, and every mistake at once. */
class SmsChannelConfigTest {

  private static final String TOKEN = "test-only-sms-path-token-0123456789";
  private static final String SECRET = "whsec_dGVzdC1vbmx5LXNtcy1nYXRld2F5LXNlY3JldC0zMmIh";

  static SmsChannelConfig bind(String yaml) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    SimpleModule module = new SimpleModule();
    module.addDeserializer(Duration.class, new Durations());
    mapper.registerModule(module);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper.readValue(yaml, SmsChannelConfig.class);
  }

  static String problems(SmsChannelConfig config, boolean production) {
    Problems p = new Problems();
    config.validate(p, production);
    return String.join("\n", p.messages());
  }

  @Test
  void noIntegrationsIsValidWithTheDocumentedDefaults() {
    SmsChannelConfig c = SmsChannelConfig.none();

    assertThat(c.integrations()).isEmpty();
    assertThat(c.maxBatch()).isEqualTo(100);
    assertThat(c.maxBodyBytes()).isEqualTo(262144);
    assertThat(c.conversationWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(problems(c, true)).isEmpty();
  }

  @Test
  void bothProvidersBindAndTheirSecretsAreRedacted() throws Exception {
    SmsChannelConfig c =
        bind(
            "integrations:\n"
                + "  aliyun: { provider: aliyun, pathToken: "
                + TOKEN
                + ", allowlist: [ 100.104.0.0/16, \"::1\" ] }\n"
                + "  gateway: { provider: HTTP, secrets: [ "
                + SECRET
                + " ], hotlines: [ \"12345\" ] }\n");

    assertThat(problems(c, true)).isEmpty();
    assertThat(c.integrations().get("gateway").provider()).isEqualTo("http");
    assertThat(c.integrations().get("aliyun").allowed()).hasSize(2);
    assertThat(c.toString()).doesNotContain(TOKEN, SECRET.substring(6)).contains("aliyun");
  }

  @Test
  void everyMistakeIsReportedAtOnce() throws Exception {
    SmsChannelConfig c =
        bind(
            "maxBatch: 5000\n"
                + "conversationWindow: 0s\n"
                + "integrations:\n"
                + "  Bad_Name: { provider: aliyun, pathToken: short }\n"
                + "  nowhere: { provider: smpp }\n"
                + "  mixed: { provider: aliyun, pathToken: "
                + TOKEN
                + ", secrets: [ "
                + SECRET
                + " ], allowlist: [ example.com ] }\n"
                + "  unsigned: { provider: http, pathToken: "
                + TOKEN
                + ", hotlines: [ call-us ] }\n");

    assertThat(problems(c, false))
        .contains(
            "channels.sms.maxBatch",
            "channels.sms.conversationWindow",
            "channels.sms.integrations.Bad_Name",
            "channels.sms.integrations.Bad_Name.pathToken",
            "channels.sms.integrations.nowhere.provider",
            "channels.sms.integrations.mixed.secrets",
            "not a CIDR: example.com",
            "channels.sms.integrations.unsigned.secrets",
            "channels.sms.integrations.unsigned.pathToken",
            "not a number (3-20 digits, optional +): call-us");
  }

  @Test
  void productionRefusesAPlaceholderPathToken() throws Exception {
    SmsChannelConfig c =
        bind(
            "integrations:\n"
                + "  aliyun: { provider: aliyun, pathToken: dev-only-sms-path-token-change-me }\n");

    assertThat(problems(c, false)).isEmpty();
    assertThat(problems(c, true)).contains("development placeholder");
  }

  @Test
  void anUnknownKeyIsRefused() {
    assertThatThrownBy(() -> bind("integrations:\n  a: { provider: aliyun, pathTokn: x }\n"))
        .hasMessageContaining("pathTokn");
  }
}
