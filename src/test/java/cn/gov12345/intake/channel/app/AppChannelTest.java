package cn.gov12345.intake.channel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.config.AppChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.AppTokens;
import cn.gov12345.intake.support.TestIdentity;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppChannelTest {

  static final Instant NOW = Instant.parse("2026-01-15T02:30:00Z");
  static final String KEY = "0b9c6f1e-4d0a-4c52-9a57-3f1d2c7b8e90";
  static final String BODY =
      """
      {"appealType":"投诉","text":"  路灯坏了  ","location":{"address":"望京街道","latitude":39.99,\
      "longitude":116.48,"regionCode":"110105"},"contact":{"phone":"138 0013 8000","name":"张先生"},\
      "mediaIds":["m_1","m_2"]}""";

  final AppChannel channel =
      new AppChannel(
          new AppChannelConfig(65536, 3, AppTokens.hs256Config()),
          TestIdentity.phones(),
          Clock.fixed(NOW, ZoneOffset.UTC));
  final AppUser user =
      new AppUser(
          "u-1001", TestIdentity.pseudonymizer().pseudonym(CitizenRef.IdScheme.APP_USER, "u-1001"));

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  ErrorCode refusal(String key, byte[] body) {
    return catchThrowableOfType(ChannelException.class, () -> channel.read(key, body)).errorCode();
  }

  String detail(String body) {
    return catchThrowableOfType(ChannelException.class, () -> channel.read(KEY, utf8(body)))
        .getMessage();
  }

  @Test
  void aSubmissionBecomesOneTicketOpeningFormOfItsUserWithSealableContact() {
    AppSubmission s = channel.read(KEY, utf8(BODY));
    Attachment photo = new Attachment("file:/m/a.jpg", "ab", 10L, "image/jpeg", null);
    Inbound in = channel.toInbound(user, s, List.of(photo));

    assertThat(in.channel()).isEqualTo("app");
    assertThat(in.account()).isEqualTo("mobile");
    assertThat(in.opensTicket()).isTrue();
    assertThat(in.appealType()).isEqualTo(AppealType.COMPLAINT);
    assertThat(in.text()).isEqualTo("路灯坏了");
    assertThat(in.location().regionCode()).isEqualTo("110105");
    assertThat(in.citizen().scheme()).isEqualTo(CitizenRef.IdScheme.APP_USER);
    assertThat(in.citizen().phone()).isEqualTo("+8613800138000");
    assertThat(in.attachments()).containsExactly(photo);
    assertThat(in.receivedAt()).isEqualTo(NOW);
    assertThat(s.mediaIds()).containsExactly("m_1", "m_2");
    assertThat(in.dedupKey()).startsWith(user.pseudonym() + ":").doesNotContain(KEY);
  }

  @Test
  void theFingerprintIgnoresFormattingAndKeyOrderButNotContent() {
    String reordered =
        """
        {
          "mediaIds": ["m_1", "m_2"],
          "contact": {"name": "张先生", "phone": "138 0013 8000"},
          "text": "  路灯坏了  ",
          "location": {"regionCode": "110105", "longitude": 116.48, "latitude": 39.99,
                       "address": "望京街道"},
          "appealType": "投诉"
        }""";
    String a = channel.read(KEY, utf8(BODY)).fingerprint();

    assertThat(channel.read(KEY, utf8(reordered)).fingerprint()).isEqualTo(a);
    assertThat(channel.read(KEY, utf8(BODY.replace("路灯", "路面"))).fingerprint()).isNotEqualTo(a);
    assertThat(channel.read("\"" + KEY + "\"", utf8(BODY)).keyHash())
        .isEqualTo(channel.read(KEY, utf8(BODY)).keyHash());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "has space", "quote\"inside", "back\\slash", "中文"})
  void aMissingOrMalformedIdempotencyKeyIsRefused(String key) {
    assertThat(refusal(key.isEmpty() ? null : key, utf8(BODY))).isEqualTo(ErrorCode.MISSING_HEADER);
  }

  @Test
  void anOverlongIdempotencyKeyIsRefused() {
    assertThat(refusal("k".repeat(256), utf8(BODY))).isEqualTo(ErrorCode.MISSING_HEADER);
  }

  @Test
  void bodiesThatAreNotOneUtf8JsonObjectAreMalformed() {
    assertThat(refusal(KEY, BODY.getBytes(Charset.forName("GBK"))))
        .isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal(KEY, utf8(BODY.substring(0, BODY.length() / 2))))
        .isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal(KEY, utf8("[1,2]"))).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal(KEY, utf8(BODY + "{}"))).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal(KEY, utf8("{\"text\":\"a\",\"text\":\"b\"}")))
        .isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal(KEY, utf8("{\"a\":".repeat(20) + "1" + "}".repeat(20))))
        .isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @Test
  void schemaViolationsAreInvalidAndNameThePathWithoutEchoingTheValues() {
    String unknownType = detail("{\"appealType\":\"抱怨\",\"text\":\"secret-text-123\",\"x\":1}");
    String badPlace =
        detail(
            "{\"appealType\":\"投诉\",\"text\":\"x\",\"location\":{\"latitude\":95.5,"
                + "\"regionCode\":\"abc-secret\"}}");

    assertThat(unknownType)
        .contains("/appealType")
        .contains("'x' is not defined")
        .doesNotContain("抱怨")
        .doesNotContain("secret-text-123");
    assertThat(badPlace)
        .contains("/location/latitude")
        .contains("/location/regionCode")
        .contains("'longitude'")
        .doesNotContain("abc-secret");
    assertThat(refusal(KEY, utf8("{\"appealType\":\"投诉\",\"text\":12}")))
        .isEqualTo(ErrorCode.INVALID_SUBMISSION);
    assertThat(refusal(KEY, utf8("{\"text\":\"x\"}"))).isEqualTo(ErrorCode.INVALID_SUBMISSION);
  }

  @Test
  void blankTextEmptyLocationTooManyMediaAndANonPhoneAreInvalid() {
    String type = "{\"appealType\":\"help\",";
    assertThat(refusal(KEY, utf8(type + "\"text\":\"   \"}")))
        .isEqualTo(ErrorCode.INVALID_SUBMISSION);
    assertThat(refusal(KEY, utf8(type + "\"text\":\"x\",\"location\":{\"address\":\" \"}}")))
        .isEqualTo(ErrorCode.INVALID_SUBMISSION);
    assertThat(refusal(KEY, utf8(type + "\"text\":\"x\",\"mediaIds\":[\"a\",\"b\",\"c\",\"d\"]}")))
        .isEqualTo(ErrorCode.INVALID_SUBMISSION);
    assertThat(refusal(KEY, utf8(type + "\"text\":\"x\",\"contact\":{\"phone\":\"abc\"}}")))
        .isEqualTo(ErrorCode.INVALID_SUBMISSION);
  }

  @Test
  void contentTypeMustBeJsonInUtf8() {
    channel.checkContentType("application/json");
    channel.checkContentType("application/json; charset=UTF-8");
    for (String type : new String[] {null, "text/plain", "application/json; charset=gbk"}) {
      assertThat(
              catchThrowableOfType(ChannelException.class, () -> channel.checkContentType(type))
                  .errorCode())
          .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
  }
}
