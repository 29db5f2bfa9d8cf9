package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SMS provider's config: defaults, both providers, templates, and every mistake at once. */
class SmsConfigTest {

  static final String HTTP_SECRET = "whsec_dGVzdC1vbmx5LXNtcy1wcm92aWRlci1zZWNyZXQtMzJiIQ==";

  static SmsConfig bind(String yaml) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    SimpleModule module = new SimpleModule();
    module.addDeserializer(Duration.class, new Durations());
    mapper.registerModule(module);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper.readValue(yaml, SmsConfig.class);
  }

  static String problems(SmsConfig config, boolean production) {
    Problems p = new Problems();
    config.validate(p, "replies.sms", production);
    return String.join("\n", p.messages());
  }

  @Test
  void anAliyunProviderBindsWithItsDefaultsAndItsSecretRedacted() throws Exception {
    SmsConfig c =
        bind(
            "accessKeyId: LTAI5tTestOnly\n"
                + "accessKeySecret: test-only-aliyun-secret\n"
                + "signName: 12345热线\n"
                + "templates:\n"
                + "  receipt:\n"
                + "    code: SMS_123456789\n"
                + "    params: { no: trackingNumber, code: queryCode }\n");

    assertThat(c.provider()).isEqualTo("aliyun");
    assertThat(c.endpoint()).isEqualTo("https://dysmsapi.aliyuncs.com");
    assertThat(c.regionId()).isEqualTo("cn-hangzhou");
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.template("receipt").params())
        .containsExactly(
            java.util.Map.entry("no", "trackingNumber"), java.util.Map.entry("code", "queryCode"));
    assertThat(c.template("answer")).isNull();
    assertThat(problems(c, true)).isEmpty();
    assertThat(c.toString()).doesNotContain("test-only-aliyun-secret").contains("receipt");
  }

  @Test
  void anHttpProviderNeedsAUrlAndWhsecSecrets() throws Exception {
    SmsConfig c =
        bind(
            "provider: http\n"
                + "url: https://sms.example.gov.cn/v1/messages\n"
                + "secrets: ['"
                + HTTP_SECRET
                + "']\n"
                + "requestTimeout: 3s\n");

    assertThat(problems(c, true)).isEmpty();
    assertThat(c.keys()).hasSize(1);
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.toString()).doesNotContain(HTTP_SECRET);
  }

  @Test
  void everyMistakeIsReportedWithItsPath() throws Exception {
    SmsConfig aliyun =
        bind(
            "endpoint: ftp://x\n"
                + "accessKeySecret: change-me\n"
                + "regionId: Hang Zhou\n"
                + "receiptToken: short\n"
                + "templates:\n"
                + "  greeting: { code: SMS_1 }\n"
                + "  answer: { code: 'not a code', params: { 'a b': 'text', ok: '9x' } }\n");

    assertThat(problems(aliyun, true))
        .contains(
            "replies.sms.endpoint",
            "replies.sms.accessKeyId",
            "replies.sms.signName",
            "replies.sms.regionId",
            "replies.sms.accessKeySecret: is a development placeholder",
            "replies.sms.receiptToken",
            "replies.sms.templates.greeting: is not a message kind",
            "replies.sms.templates.answer.code",
            "replies.sms.templates.answer.params: variable names",
            "replies.sms.templates.answer.params.ok");
    assertThat(problems(bind("provider: smpp\n"), false)).contains("replies.sms.provider");
    assertThat(problems(bind("provider: http\nurl: nope\nsecrets: [nope]\n"), false))
        .contains("replies.sms.url", "replies.sms.secrets[0]");
  }

  @Test
  void unknownKeysAreRefused() {
    assertThatThrownBy(() -> bind("signname: typo\n")).hasMessageContaining("signname");
  }
}
