package cn.gov12345.intake.reply;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.RepliesConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTextsTest {

  static RepliesConfig config(RepliesConfig.QuietHours quiet, Map<String, String> templates) {
    return new RepliesConfig(
        true, null, null, templates, null, quiet, null, null, null, null, null, null, null, null,
        null);
  }

  final ReplyTexts texts = new ReplyTexts(config(null, null));

  @Test
  void theReceiptTemplateNamesTheTrackingNumberAndTheQueryCode() {
    String text =
        texts.render(
            "receipt", Map.of("trackingNumber", "261203000000046", "queryCode", "12345678"));
    assertThat(text).contains("261203000000046", "12345678").doesNotContain("{");
  }

  @Test
  void aMissingValueRendersEmptyAndAnUnknownTemplateIsTheText() {
    assertThat(texts.render("dispatched", Map.of("trackingNumber", "1"))).contains("已派单至办理");
    assertThat(texts.render("no-such", Map.of("text", "原文"))).isEqualTo("原文");
  }

  @Test
  void aTextLongerThanTheSenderTakesIsCutWithAnEllipsisByCodePoint() {
    String longText = "😀".repeat(400);
    String cut = texts.fit("sms", longText);
    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(300);
    assertThat(cut).endsWith("…");
    assertThat(texts.fit("sms", "短")).isEqualTo("短");
  }

  @Test
  void smsWaitsOutTheNightInChinaAndOtherSendersDoNot() {
    // 23:30 China time = 15:30 UTC; quiet until 08:00 China = 00:00 UTC next day
    Instant night = Instant.parse("2026-12-03T15:30:00Z");
    assertThat(texts.quietFor("sms", night)).isEqualTo(Duration.ofMinutes(510).toMillis());
    assertThat(texts.quietFor("wechat_custom", night)).isZero();
    // 10:00 China time
    assertThat(texts.quietFor("sms", Instant.parse("2026-12-03T02:00:00Z"))).isZero();
    // 07:59 China time: one minute left
    assertThat(texts.quietFor("sms", Instant.parse("2026-12-02T23:59:00Z")))
        .isEqualTo(Duration.ofMinutes(1).toMillis());
  }

  @Test
  void quietHoursWithinOneDayAreRespectedToo() {
    ReplyTexts lunch =
        new ReplyTexts(
            config(new RepliesConfig.QuietHours("12:00", "13:00", "UTC", List.of("sms")), null));
    assertThat(lunch.quietFor("sms", Instant.parse("2026-12-03T12:30:00Z")))
        .isEqualTo(Duration.ofMinutes(30).toMillis());
    assertThat(lunch.quietFor("sms", Instant.parse("2026-12-03T13:00:00Z"))).isZero();
  }
}
