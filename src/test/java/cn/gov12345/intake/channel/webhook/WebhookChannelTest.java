package cn.gov12345.intake.channel.webhook;

import static cn.gov12345.intake.channel.webhook.WebhookFixtures.NEW_SECRET;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.OTHER_SECRET;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.PARTNER_SECRET;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.assertRefused;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.sign;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may send: signatures, timestamps, headers, sources and content types. Pure, no Redis. */
class WebhookChannelTest {

  static final Instant NOW = Instant.parse("2026-01-15T02:30:00Z");
  static final long T = NOW.getEpochSecond();
  static final String ID = "msg_2qJ7xK9mVbN3pL5tR8wYcA";
  static final byte[] BODY = utf8("{\"appealType\":\"投诉\",\"text\":\"小区停水三天了\"}");

  private final WebhookChannel channel = WebhookFixtures.channel(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aCorrectlySignedSubmissionBecomesOneTicketOpeningFormMessage() {
    Inbound in = send("partner", ID, "" + T, sign(PARTNER_SECRET, ID, T, BODY));

    assertThat(in.channel()).isEqualTo("webhook");
    assertThat(in.account()).isEqualTo("partner");
    assertThat(in.kind()).isEqualTo(MessageKind.FORM);
    assertThat(in.channelMessageId()).isEqualTo(ID);
    assertThat(in.dedupKey()).isEqualTo(ID);
    assertThat(in.receivedAt()).isEqualTo(NOW);
    assertThat(in.opensTicket()).isTrue();
  }

  @Test
  void aForgedSignatureIsRefused() {
    String forged = sign("whsec_Zm9yZ2VkLWtleS10aGUtYXR0YWNrZXItZ3Vlc3NlZA==", ID, T, BODY);
    assertRefused(ErrorCode.INVALID_SIGNATURE, () -> send("partner", ID, "" + T, forged));
  }

  @Test
  void aSignatureFromAnotherSourcesSecretIsRefused() {
    String others = sign(OTHER_SECRET, ID, T, BODY);
    assertRefused(ErrorCode.INVALID_SIGNATURE, () -> send("partner", ID, "" + T, others));
    assertThatCode(() -> send("other", ID, "" + T, others)).doesNotThrowAnyException();
  }

  @Test
  void aSignatureOverAnotherBodyIdOrTimestampIsRefused() {
    String signature = sign(PARTNER_SECRET, ID, T, BODY);
    byte[] tampered = utf8("{\"appealType\":\"投诉\",\"text\":\"小区停水四天了\"}");
    assertRefused(
        ErrorCode.INVALID_SIGNATURE,
        () -> channel.accept("partner", new WebhookHeaders(ID, "" + T, signature), tampered));
    assertRefused(ErrorCode.INVALID_SIGNATURE, () -> send("partner", ID + "2", "" + T, signature));
    assertRefused(ErrorCode.INVALID_SIGNATURE, () -> send("partner", ID, "" + (T - 1), signature));
  }

  @ParameterizedTest
  @ValueSource(longs = {-301, 301, -3600, 86_400, -1_000_000_000L})
  void aTimestampBeyondFiveMinutesEitherWayIsRefusedEvenWithAValidSignature(long offset) {
    long sentAt = T + offset;
    String signature = sign(PARTNER_SECRET, ID, sentAt, BODY);
    assertRefused(ErrorCode.STALE_TIMESTAMP, () -> send("partner", ID, "" + sentAt, signature));
  }

  @ParameterizedTest
  @ValueSource(longs = {-300, 300, 0})
  void aTimestampWithinFiveMinutesEitherWayIsAccepted(long offset) {
    long sentAt = T + offset;
    String signature = sign(PARTNER_SECRET, ID, sentAt, BODY);
    assertThat(send("partner", ID, "" + sentAt, signature).receivedAt()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "1768444200.5",
        "-1768444200",
        "2026-01-15T02:30:00Z",
        "1e9",
        "1768444200000000"
      })
  void aTimestampThatIsNotUnixSecondsIsRefused(String timestamp) {
    String signature = sign(PARTNER_SECRET, ID, T, BODY);
    assertRefused(ErrorCode.STALE_TIMESTAMP, () -> send("partner", ID, timestamp, signature));
  }

  @Test
  void eachMissingOrBlankHeaderIsRefused() {
    String signature = sign(PARTNER_SECRET, ID, T, BODY);
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", null, "" + T, signature));
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", ID, null, signature));
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", ID, "" + T, null));
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", " ", "" + T, signature));
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", ID, "", signature));
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", ID, "" + T, "  "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"msg 1", "msg_\u6c34", "msg_\u0000x"})
  void aWebhookIdThatIsNotPrintableAsciiIsRefused(String id) {
    String signature = sign(PARTNER_SECRET, id, T, BODY);
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", id, "" + T, signature));
  }

  @Test
  void aWebhookIdLongerThan128CharactersIsRefused() {
    String id = "m".repeat(129);
    String signature = sign(PARTNER_SECRET, id, T, BODY);
    assertRefused(ErrorCode.MISSING_HEADER, () -> send("partner", id, "" + T, signature));
    String longest = "m".repeat(128);
    String ok = sign(PARTNER_SECRET, longest, T, BODY);
    assertThat(send("partner", longest, "" + T, ok).dedupKey()).isEqualTo(longest);
  }

  @Test
  void duringKeyRotationASecondSignatureThatMatchesIsEnough() {
    String retired = sign("whsec_cmV0aXJlZC1rZXktbm8tbG9uZ2VyLWtub3du", ID, T, BODY);
    String header = retired + " " + sign(PARTNER_SECRET, ID, T, BODY);
    assertThat(send("partner", ID, "" + T, header).dedupKey()).isEqualTo(ID);
  }

  @Test
  void aSourceWithTwoSecretsAcceptsEither() {
    assertThat(send("rotating", ID, "" + T, sign(PARTNER_SECRET, ID, T, BODY))).isNotNull();
    assertThat(send("rotating", ID, "" + T, sign(NEW_SECRET, ID, T, BODY))).isNotNull();
    String others = sign(OTHER_SECRET, ID, T, BODY);
    assertRefused(ErrorCode.INVALID_SIGNATURE, () -> send("rotating", ID, "" + T, others));
  }

  @Test
  void unknownSignatureVersionsAreIgnored() {
    String valid = sign(PARTNER_SECRET, ID, T, BODY);
    String digestOnly = valid.substring("v1,".length());
    assertThat(send("partner", ID, "" + T, "v2,abc v1a," + digestOnly + " " + valid)).isNotNull();
    assertRefused(
        ErrorCode.INVALID_SIGNATURE, () -> send("partner", ID, "" + T, "v2," + digestOnly));
    assertRefused(
        ErrorCode.INVALID_SIGNATURE, () -> send("partner", ID, "" + T, "v1,%%% not base64"));
  }

  @Test
  void anUnknownSourceIsRefusedBeforeAndAfterTheBodyIsRead() {
    String signature = sign(PARTNER_SECRET, ID, T, BODY);
    assertRefused(
        ErrorCode.UNKNOWN_SOURCE, () -> channel.checkPreamble("nobody", "application/json"));
    assertRefused(ErrorCode.UNKNOWN_SOURCE, () -> send("nobody", ID, "" + T, signature));
    assertRefused(ErrorCode.UNKNOWN_SOURCE, () -> send("PARTNER", ID, "" + T, signature));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=\"UTF-8\""
      })
  void jsonInUtf8PassesThePreamble(String contentType) {
    assertThatCode(() -> channel.checkPreamble("partner", contentType)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/json; charset=GBK",
        "application/json; charset=ISO-8859-1",
        "application/x-www-form-urlencoded",
        "application/jsonp",
        ""
      })
  void otherContentTypesAreRefusedBeforeTheBodyIsRead(String contentType) {
    assertRefused(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE, () -> channel.checkPreamble("partner", contentType));
    assertRefused(ErrorCode.UNSUPPORTED_MEDIA_TYPE, () -> channel.checkPreamble("partner", null));
  }

  private Inbound send(String source, String id, String timestamp, String signature) {
    return channel.accept(source, new WebhookHeaders(id, timestamp, signature), BODY);
  }
}
