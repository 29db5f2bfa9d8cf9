package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.WechatTemplateConfig.Keyword;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplySenderConfigTest {

  static final String PATH = "replies.wechat.templates";
  static final String WHSEC = "whsec_dGVzdC1vbmx5LWRlc3RpbmF0aW9uLXNlY3JldC0zMmIh";

  static List<String> problems(Map<String, Map<String, WechatTemplateConfig>> templates) {
    Problems p = new Problems();
    WechatTemplateConfig.validateAll(p, PATH, templates, Set.of("city"));
    return p.messages();
  }

  static WechatTemplateConfig template(String url, String... keyValues) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      data.put(keyValues[i], keyValues[i + 1]);
    }
    return new WechatTemplateConfig("ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY", url, data);
  }

  @Test
  void aTemplateWithinWeChatsKeywordLimitsIsValid() {
    WechatTemplateConfig ok =
        template(
            "https://12345.example.gov.cn/lookup?n={trackingNumber}",
            "character_string1",
            "{trackingNumber}",
            "thing2",
            "答复：{text}",
            "phrase3",
            "已办结",
            "time4",
            "{repliedAt}");

    assertThat(problems(Map.of("city", Map.of("answer", ok, "receipt", ok)))).isEmpty();
  }

  @Test
  void everyProblemIsReportedWithItsPath() {
    WechatTemplateConfig bad =
        new WechatTemplateConfig(
            "",
            "ftp://x",
            Map.of(
                "thing1", "这是一段远远超过二十个字符的固定模板文字内容真的很长很长",
                "character_string2", "编号{trackingNumber}",
                "phrase3", "{text}",
                "thing4", "{unclosed"));

    List<String> all = problems(Map.of("city", Map.of("answer", bad), "nowhere", Map.of()));

    assertThat(all)
        .anyMatch(m -> m.startsWith(PATH + ".nowhere: is not an account"))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.templateId:"))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.url:"))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.data.thing1: its fixed text is longer"))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.data.character_string2: character"))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.data.phrase3: {text}"))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.data.thing4: placeholders"));
    assertThat(problems(Map.of("city", Map.of("reminder", template(null, "thing1", "x")))))
        .anyMatch(m -> m.startsWith(PATH + ".city.reminder: must be one of"));
    assertThat(problems(Map.of("city", Map.of("answer", template(null)))))
        .anyMatch(m -> m.startsWith(PATH + ".city.answer.data: needs"));
  }

  @Test
  void keywordTypesComeFromTheKeywordPrefix() {
    assertThat(Keyword.of("thing12")).isEqualTo(Keyword.THING);
    assertThat(Keyword.of("character_string3")).isEqualTo(Keyword.CHARACTER_STRING);
    assertThat(Keyword.of("phrase1")).isEqualTo(Keyword.PHRASE);
    assertThat(Keyword.of("short_thing5")).isEqualTo(Keyword.OTHER);
    assertThat(Keyword.of("keyword1")).isEqualTo(Keyword.OTHER);
    assertThat(WechatTemplateConfig.fill("{a}-{b}-{missing}", Map.of("a", "1", "b", "$2")))
        .isEqualTo("1-$2-");
  }

  @Test
  void anAppPushWebhookNeedsAnHttpUrlAndWhsecSecrets() {
    Problems none = new Problems();
    AppPushConfig.none().validate(none, "replies.appPush", true);
    Problems bad = new Problems();
    new AppPushConfig("mailto:x", List.of(Secret.of("nope")), Duration.ZERO)
        .validate(bad, "replies.appPush", false);
    Problems ok = new Problems();
    AppPushConfig good =
        new AppPushConfig("https://app.example.gov.cn/push", List.of(Secret.of(WHSEC)), null);
    good.validate(ok, "replies.appPush", false);

    assertThat(none.messages()).isEmpty();
    assertThat(bad.messages())
        .anyMatch(m -> m.startsWith("replies.appPush.url:"))
        .anyMatch(m -> m.startsWith("replies.appPush.secrets[0]:"))
        .anyMatch(m -> m.startsWith("replies.appPush.requestTimeout:"));
    assertThat(ok.messages()).isEmpty();
    assertThat(good.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(good.toString()).doesNotContain(WHSEC);
  }
}
