package cn.gov12345.intake.channel.webhook;

import static cn.gov12345.intake.channel.webhook.WebhookFixtures.PARTNER_SECRET;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.assertRefused;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.sign;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.CitizenRef.IdScheme;
import cn.gov12345.intake.model.Inbound;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What may be sent: the body of a correctly signed webhook, hostile or not. Pure, no Redis. */
class WebhookSubmissionTest {

  private static final Instant NOW = Instant.parse("2026-01-15T02:30:00Z");
  private static final String ID = "msg_body";
  private static final String TEXT = "\"text\":\"小区停水三天了\"";

  private final WebhookChannel channel = WebhookFixtures.channel(Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"停水\"",
        "{\"text\":\"停水\"} x",
        "{\"text\":\"停水\"}{}",
        "{\"text\":\"a\",\"text\":\"b\"}",
        "[]",
        "[{\"text\":\"停水\"}]",
        "null",
        "\"停水\"",
        "",
        "{text:\"停水\"}",
        "{'text':'停水'}",
        "{\"text\":\"停水\",}",
        "{\"text\":\"停水\",\"location\":{\"latitude\":NaN,\"longitude\":1}}"
      })
  void aBodyThatIsNotExactlyOneStrictJsonObjectIsMalformed(String body) {
    assertRefused(ErrorCode.MALFORMED_JSON, () -> accept(utf8(body)));
  }

  @Test
  void nestingBeyondTheLimitIsMalformed() {
    String deep = "[".repeat(40) + "]".repeat(40);
    assertRefused(
        ErrorCode.MALFORMED_JSON,
        () -> accept(utf8("{" + TEXT + ",\"attachments\":" + deep + "}")));
  }

  @Test
  void bytesThatAreNotUtf8AreMalformedEvenWhenSigned() {
    String json = "{" + TEXT + "}";
    assertRefused(ErrorCode.MALFORMED_JSON, () -> accept(json.getBytes(Charset.forName("GBK"))));
    byte[] latin1 = "{\"text\":\"Straße\"}".getBytes(Charset.forName("ISO-8859-1"));
    assertRefused(ErrorCode.MALFORMED_JSON, () -> accept(latin1));
    byte[] overlong = {
      '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'
    };
    assertRefused(ErrorCode.MALFORMED_JSON, () -> accept(overlong));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{" + TEXT + ",\"priority\":1}",
        "{" + TEXT + ",\"citizen\":{\"idCard\":\"1\"}}",
        "{" + TEXT + ",\"attachments\":[{\"url\":\"https://a.example/x\",\"bytes\":\"AAAA\"}]}"
      })
  void anUnknownFieldIsRefusedRatherThanDropped(String body) {
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"text\":\"\"}", "{\"text\":\" \\n\\t \"}", "{\"text\":null}"})
  void aSubmissionWithoutTextIsRefused(String body) {
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @Test
  void textOfMoreThan5000CharactersIsRefusedAnd5000AreAccepted() {
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(text("水".repeat(5001))));
    assertThat(accept(text("水".repeat(5000))).text()).hasSize(5000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"praise", "投 诉", "complaints", "", "4"})
  void anUnknownAppealTypeIsRefused(String type) {
    String body = "{\"appealType\":\"" + type + "\"," + TEXT + "}";
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @Test
  void appealTypesAreReadFromChineseNamesAndEnglishCodesInAnyCase() {
    assertThat(accept(appeal("投诉")).appealType()).isEqualTo(AppealType.COMPLAINT);
    assertThat(accept(appeal("咨询")).appealType()).isEqualTo(AppealType.CONSULTATION);
    assertThat(accept(appeal("Suggestion")).appealType()).isEqualTo(AppealType.SUGGESTION);
    assertThat(accept(utf8("{" + TEXT + "}")).appealType()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "call me", "+86 138 0013 8000 0000 0000 1"})
  void aPhoneThatIsNotAPhoneNumberIsRefusedWithoutEchoingIt(String phone) {
    String body = "{" + TEXT + ",\"citizen\":{\"phone\":\"" + phone + "\"}}";
    assertThatThrownBy(() -> accept(utf8(body)))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SUBMISSION);
              assertThat(e.getMessage()).doesNotContain(phone);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"1380013800x", "138-0013"})
  void aPhoneWithALetterOrATruncatedMobileNumberIsRefused(String phone) {
    String body = "{" + TEXT + ",\"citizen\":{\"phone\":\"" + phone + "\"}}";
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @Test
  void phonesInAnyCommonWritingBecomeOneE164Citizen() {
    for (String phone : new String[] {"13800138000", "+86 138-0013-8000", "008613800138000"}) {
      Inbound in = accept(utf8("{" + TEXT + ",\"citizen\":{\"phone\":\"" + phone + "\"}}"));
      assertThat(in.citizen().scheme()).isEqualTo(IdScheme.PHONE);
      assertThat(in.citizen().id()).isEqualTo("+8613800138000");
      assertThat(in.citizen().name()).isNull();
    }
  }

  @Test
  void aUserIdBecomesAPartnerUserAndNoCitizenBecomesAnAnonymousOneOfThisWebhook() {
    Inbound user = accept(utf8("{" + TEXT + ",\"citizen\":{\"userId\":\"u-1\",\"name\":\"李四\"}}"));
    assertThat(user.citizen().scheme()).isEqualTo(IdScheme.PARTNER_USER);
    assertThat(user.citizen().id()).isEqualTo("partner:u-1");
    assertThat(user.citizen().phone()).isNull();
    Inbound nobody = accept(utf8("{" + TEXT + "}"));
    assertThat(nobody.citizen().scheme()).isEqualTo(IdScheme.ANONYMOUS);
    assertThat(nobody.citizen().id()).isEqualTo("partner:" + ID);
    assertThat(nobody.citizen().hasContact()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":12345}",
        "{\"text\":true}",
        "{" + TEXT + ",\"location\":{\"latitude\":\"39.9\",\"longitude\":\"116.4\"}}",
        "{" + TEXT + ",\"attachments\":[{\"url\":\"https://a.example/x\",\"size\":1.5}]}"
      })
  void aValueOfTheWrongJsonTypeIsRefusedRatherThanCoerced(String body) {
    assertThatThrownBy(() -> accept(utf8(body))).isInstanceOf(ChannelException.class);
  }

  @Test
  void theDetailOfAnUnknownFieldDoesNotEchoAnUnboundedName() {
    String body = "{" + TEXT + ",\"" + "x".repeat(10_000) + "\":1}";
    assertThatThrownBy(() -> accept(utf8(body)))
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void theInboundNeverPrintsPersonalData() {
    Inbound in =
        accept(utf8("{" + TEXT + ",\"citizen\":{\"phone\":\"13800138000\",\"name\":\"张三\"}}"));
    assertThat(in.toString()).doesNotContain("13800138000", "张三", "停水");
    assertThat(in.citizen().toString()).doesNotContain("13800138000", "张三");
  }

  private Inbound accept(byte[] body) {
    long t = NOW.getEpochSecond();
    return channel.accept(
        "partner", new WebhookHeaders(ID, "" + t, sign(PARTNER_SECRET, ID, t, body)), body);
  }

  private static byte[] text(String text) {
    return utf8("{\"text\":\"" + text + "\"}");
  }

  private static byte[] appeal(String type) {
    return utf8("{\"appealType\":\"" + type + "\"," + TEXT + "}");
  }
}
