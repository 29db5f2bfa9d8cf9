package cn.gov12345.intake.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebChannelTest {

  static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final WebChannel channel = WebFixtures.channel(CLOCK);
  final Map<String, String> fields = WebFixtures.validFields(channel);

  WebSubmission accept() {
    return WebFixtures.accept(channel, fields);
  }

  void assertRefused(ErrorCode code) {
    assertThatThrownBy(this::accept)
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(code);
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void aValidFormBecomesOneFormMessageThatOpensItsTicketKeyedByTheIdempotencyKey() {
    fields.put(WebForm.PHONE, "138 0013 8000");
    fields.put(WebForm.NAME, "张三");
    fields.put(WebForm.LATITUDE, "39.9087");
    fields.put(WebForm.LONGITUDE, "116.3975");

    WebSubmission s = accept();
    Inbound in = channel.inbound(s, List.of());

    assertThat(in.channel()).isEqualTo("web");
    assertThat(in.kind()).isEqualTo(MessageKind.FORM);
    assertThat(in.opensTicket()).isTrue();
    assertThat(in.dedupKey()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
    assertThat(in.receivedAt()).isEqualTo(NOW);
    assertThat(in.appealType()).isEqualTo(AppealType.COMPLAINT);
    assertThat(in.text()).isEqualTo("小区停水三天了");
    assertThat(in.location().latitude()).isEqualTo(39.9087);
    assertThat(in.citizen().scheme()).isEqualTo(CitizenRef.IdScheme.PHONE);
    assertThat(in.citizen().phone()).isEqualTo("+8613800138000");
    assertThat(s.proofOfWork().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
  }

  @Test
  void withoutAPhoneEverySubmissionHasItsOwnAnonymousCitizen() {
    CitizenRef first = accept().citizen();
    fields.put(WebForm.IDEMPOTENCY_KEY, "c0ffee00-0000-4000-8000-000000000002");
    CitizenRef second = accept().citizen();

    assertThat(first.scheme()).isEqualTo(CitizenRef.IdScheme.ANONYMOUS);
    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(first.phone()).isNull();
  }

  @Test
  void aMissingProofOfWorkIsRequired() {
    fields.remove(WebFixtures.ALTCHA);
    assertRefused(ErrorCode.PROOF_OF_WORK_REQUIRED);
  }

  @Test
  void aChallengeSignedWithAnotherKeyIsInvalid() {
    WebChannel other =
        new WebChannel(
            new cn.gov12345.intake.config.WebChannelConfig(
                3,
                1024 * 1024,
                cn.gov12345.intake.config.Secret.of("another-altcha-key-0123456789abcdefghij"),
                1000,
                Duration.ofMinutes(20),
                cn.gov12345.intake.config.Secret.of("test-only-csrf-secret-0123456789abcdefgh"),
                20,
                240,
                20_000,
                20),
            new cn.gov12345.intake.identity.PhoneNumbers("CN"),
            CLOCK);
    fields.put(WebFixtures.ALTCHA, WebFixtures.solve(other.challenge()));
    assertRefused(ErrorCode.PROOF_OF_WORK_INVALID);
  }

  @Test
  void aWrongNumberIsInvalid() {
    Map<String, Object> c = channel.challenge();
    String right = WebFixtures.solve(c);
    String wrong = WebFixtures.payload(c, 1001);
    assertThat(wrong).isNotEqualTo(right);
    fields.put(WebFixtures.ALTCHA, wrong);
    assertRefused(ErrorCode.PROOF_OF_WORK_INVALID);
  }

  @Test
  void anExpiredChallengeIsInvalid() {
    WebChannel later =
        WebFixtures.channel(Clock.fixed(NOW.plus(Duration.ofMinutes(21)), ZoneOffset.UTC));
    assertThatThrownBy(() -> WebFixtures.accept(later, fields))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PROOF_OF_WORK_INVALID));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"not base64 at all!", "eyJhbGdvcml0aG0iOiJTSEEtMjU2Ii", "W10=", "bnVsbA=="})
  void anUnreadableProofOfWorkIsInvalid(String payload) {
    fields.put(WebFixtures.ALTCHA, payload);
    assertRefused(ErrorCode.PROOF_OF_WORK_INVALID);
  }

  @Test
  void anOversizedProofOfWorkIsInvalid() {
    fields.put(WebFixtures.ALTCHA, "A".repeat(AltchaProofs.MAX_PAYLOAD_CHARS + 4));
    assertRefused(ErrorCode.PROOF_OF_WORK_INVALID);
  }

  @Test
  void aProofOfWorkWithAnotherAlgorithmOrExtraFieldsIsInvalid() {
    String json =
        new String(
            Base64.getDecoder().decode(fields.get(WebFixtures.ALTCHA)), StandardCharsets.UTF_8);
    fields.put(WebFixtures.ALTCHA, encode(json.replace("SHA-256", "SHA-1")));
    assertRefused(ErrorCode.PROOF_OF_WORK_INVALID);
    fields.put(WebFixtures.ALTCHA, encode(json.replace("{", "{\"admin\":true,")));
    assertRefused(ErrorCode.PROOF_OF_WORK_INVALID);
  }

  @Test
  void aFilledHoneypotIsRefusedEvenWithAValidProofOfWork() {
    fields.put(WebForm.HONEYPOT, "http://spam.example");
    assertRefused(ErrorCode.SUBMISSION_REFUSED);
  }

  @Test
  void unknownAndRepeatedFieldsAreRefused() {
    fields.put("isAdmin", "true");
    assertRefused(ErrorCode.INVALID_SUBMISSION);
    fields.remove("isAdmin");
    Map<String, List<String>> multi = new java.util.LinkedHashMap<>();
    WebFixtures.form(fields).fields().forEach(multi::put);
    multi.put(WebForm.DESCRIPTION, List.of("one", "two"));
    WebChannel.Admission head = WebFixtures.admission(channel, fields);
    assertThatThrownBy(() -> channel.accept(head, new WebForm(multi, List.of())))
        .isInstanceOf(ChannelException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void anOversizedDescriptionIsRefused() {
    fields.put(WebForm.DESCRIPTION, "水".repeat(WebFormMapper.MAX_DESCRIPTION + 1));
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uFFFD\uFFFD停水", "停水\u0000", "停\u001b[31m水"})
  void textInTheWrongCharsetOrWithControlCharactersIsRefused(String text) {
    fields.put(WebForm.DESCRIPTION, text);
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @Test
  void aMissingDescriptionOrAppealTypeIsRefused() {
    fields.put(WebForm.DESCRIPTION, "   ");
    assertRefused(ErrorCode.INVALID_SUBMISSION);
    fields.put(WebForm.DESCRIPTION, "停水");
    fields.put(WebForm.APPEAL_TYPE, "praise");
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"91", "1e5", "NaN", "39,9", "0x10"})
  void aBadLatitudeIsRefused(String latitude) {
    fields.put(WebForm.LATITUDE, latitude);
    fields.put(WebForm.LONGITUDE, "116.39");
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @Test
  void oneCoordinateWithoutTheOtherIsRefused() {
    fields.put(WebForm.LATITUDE, "39.9");
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @Test
  void aPhoneNumberThatCannotBeCalledIsRefused() {
    fields.put(WebForm.PHONE, "12345abc");
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"short", "has space in it 12345", "../../etc/passwd0000", ""})
  void aMalformedIdempotencyKeyIsRefused(String key) {
    fields.put(WebForm.IDEMPOTENCY_KEY, key);
    assertRefused(ErrorCode.INVALID_SUBMISSION);
  }

  @Test
  void photosAreLimitedInNumberAndSize() {
    WebForm.Photo ok = new WebForm.Photo(WebForm.PHOTOS, 1000);
    assertThat(WebFixtures.accept(channel, fields, ok, ok, ok)).isNotNull();
    assertThatThrownBy(() -> WebFixtures.accept(channel, fields, ok, ok, ok, ok))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SUBMISSION));
    WebForm.Photo big = new WebForm.Photo(WebForm.PHOTOS, 1024 * 1024 + 1);
    assertThatThrownBy(() -> WebFixtures.accept(channel, fields, big))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BODY_TOO_LARGE));
    WebForm.Photo elsewhere = new WebForm.Photo("avatar", 10);
    assertThatThrownBy(() -> WebFixtures.accept(channel, fields, elsewhere))
        .isInstanceOf(ChannelException.class);
  }

  private static String encode(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
