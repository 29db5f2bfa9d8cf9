package cn.gov12345.intake.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The SMS channel's reading: Alibaba's SmsUp, the generic format, their keys and their refusals.
 */
class SmsChannelTest {

  private static final long NOW = ChannelContractTest.NOW.getEpochSecond();
  private final SmsChannel channel = SmsFixtures.channel(ChannelContractTest.CLOCK);

  private List<SmsText> aliyun(String json) {
    return channel.aliyun("aliyun", SmsFixtures.utf8(json));
  }

  private static String entry(String phone, String time, String content, String sequence) {
    return "{\"phone_number\":\""
        + phone
        + "\",\"send_time\":\""
        + time
        + "\",\"content\":\""
        + content
        + "\",\"dest_code\":\"1234\""
        + (sequence == null ? "" : ",\"sequence_id\":" + sequence)
        + "}";
  }

  @Test
  void anSmsUpTextBecomesATextOfItsPhoneCitizenWithItsSequenceIdAsDedupKey() {
    Inbound in =
        aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", "停水", "42") + "]")
            .get(0)
            .inbound();

    assertThat(in.channel()).isEqualTo("sms");
    assertThat(in.account()).isEqualTo("aliyun");
    assertThat(in.citizen().scheme()).isEqualTo(CitizenRef.IdScheme.PHONE);
    assertThat(in.citizen().id()).isEqualTo("+8613800138000");
    assertThat(in.dedupKey()).isEqualTo("m:42");
    assertThat(in.opensTicket()).isTrue();
    assertThat(in.channelData())
        .containsEntry("sentAt", "2026-01-15T02:29:58Z")
        .containsEntry("to", "1234")
        .doesNotContainValue("13800138000");
  }

  @Test
  void aSequenceIdAsNumberOrStringIsTheSameKey() {
    String asNumber = "[" + entry("13800138000", "2026-01-15 10:29:58", "a", "1234567890") + "]";
    String asText = "[" + entry("13800138000", "2026-01-15 10:29:58", "a", "\"1234567890\"") + "]";

    assertThat(aliyun(asNumber).get(0).inbound().dedupKey())
        .isEqualTo(aliyun(asText).get(0).inbound().dedupKey());
  }

  @Test
  void withoutAnIdTheKeyIsNumberTimeAndTextHashedWhateverTheNumberFormat() {
    String a =
        aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", "停水", null) + "]")
            .get(0)
            .inbound()
            .dedupKey();
    String b =
        aliyun("[" + entry("+86 138 0013 8000", "20260115102958", "停水", null) + "]")
            .get(0)
            .inbound()
            .dedupKey();
    String otherText =
        aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", "停电", null) + "]")
            .get(0)
            .inbound()
            .dedupKey();
    String otherTime =
        aliyun("[" + entry("13800138000", "2026-01-15 10:29:59", "停水", null) + "]")
            .get(0)
            .inbound()
            .dedupKey();

    assertThat(a).startsWith("h:").isEqualTo(b).doesNotContain("13800138000");
    assertThat(List.of(otherText, otherTime)).doesNotContain(a);
    assertThat(otherText).isNotEqualTo(otherTime);
  }

  @Test
  void fieldsAlibabaAddsLaterAreIgnored() {
    String json =
        "[{\"phone_number\":\"13800138000\",\"send_time\":\"2026-01-15 10:29:58\","
            + "\"content\":\"x\",\"sequence_id\":1,\"operator\":\"CMCC\",\"extra\":{\"a\":1}}]";

    assertThat(aliyun(json)).hasSize(1);
  }

  @Test
  void aTrackingNumberWithARightCheckDigitIsNamedAlsoInFullWidthDigits() {
    assertThat(SmsTexts.namedTrackingNumber("关于260115000000019的诉求")).isEqualTo("260115000000019");
    assertThat(SmsTexts.namedTrackingNumber("编号２６０１１５０００００００１９")).isEqualTo("260115000000019");
    assertThat(SmsTexts.namedTrackingNumber("电话13800138000，编号260115000000019"))
        .isEqualTo("260115000000019");
    assertThat(SmsTexts.namedTrackingNumber("编号260115000000018")).as("check digit").isNull();
    assertThat(SmsTexts.namedTrackingNumber("1260115000000019260115000000019")).isNull();
    assertThat(SmsTexts.namedTrackingNumber("停水三天")).isNull();
  }

  @Test
  void aBadEntryRefusesTheWholePush() {
    String good = entry("13800138000", "2026-01-15 10:29:58", "停水", "1");
    assertRefused(
        ErrorCode.INVALID_SMS,
        () ->
            aliyun("[" + good + "," + entry("1381111****", "2026-01-15 10:29:58", "x", "2") + "]"));
    assertRefused(
        ErrorCode.INVALID_SMS,
        () -> aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", "  ", "2") + "]"));
    assertRefused(
        ErrorCode.INVALID_SMS,
        () -> aliyun("[" + entry("13800138000", "yesterday", "x", "2") + "]"));
    assertRefused(
        ErrorCode.INVALID_SMS,
        () -> aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", "x", "-3") + "]"));
    assertRefused(
        ErrorCode.INVALID_SMS,
        () -> aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", "x", "1.5") + "]"));
    assertRefused(
        ErrorCode.INVALID_SMS,
        () ->
            aliyun(
                "[{\"phone_number\":13800138000,\"send_time\":\"2026-01-15 10:29:58\","
                    + "\"content\":\"x\"}]"));
  }

  @Test
  void hostileBodiesAreRefusedWithTypedErrors() {
    assertRefused(ErrorCode.INVALID_SMS, () -> aliyun("[]"));
    assertRefused(ErrorCode.INVALID_SMS, () -> aliyun("[1,2]"));
    assertRefused(ErrorCode.INVALID_SMS, () -> aliyun("\"text\""));
    assertRefused(ErrorCode.MALFORMED_JSON, () -> aliyun(""));
    assertRefused(ErrorCode.MALFORMED_JSON, () -> aliyun("[{\"a\":1}] [2]"));
    assertRefused(
        ErrorCode.MALFORMED_JSON, () -> aliyun("[{\"content\":\"a\",\"content\":\"b\"}]"));
    assertRefused(ErrorCode.MALFORMED_JSON, () -> aliyun("[{\"a\":[[[[[[1]]]]]]}]"));
    assertRefused(ErrorCode.MALFORMED_JSON, () -> aliyun("[{\"content\":\"\\ud800\"}]"));
    assertRefused(
        ErrorCode.MALFORMED_JSON,
        () -> channel.aliyun("aliyun", new byte[] {'[', '{', '"', (byte) 0xC3, '"', '}', ']'}));
    String tooLong = "水".repeat(SmsTexts.MAX_TEXT + 1);
    assertRefused(
        ErrorCode.INVALID_SMS,
        () -> aliyun("[" + entry("13800138000", "2026-01-15 10:29:58", tooLong, "1") + "]"));
  }

  @Test
  void aHugeArrayIsRefusedAtTheEntryPastTheLimitWithoutReadingTheRest() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 6; i++) {
      json.append(entry("13800138000", "2026-01-15 10:29:58", "x", Integer.toString(i)))
          .append(',');
    }
    json.append("{ this is never read, nor the million entries after it");

    assertRefused(ErrorCode.TOO_MANY_MESSAGES, () -> aliyun(json.toString()));
    assertThat(channel.aliyunPushes().body().maxBytes())
        .as("the door refuses a larger body by its Content-Length before reading it")
        .isEqualTo(262144);
  }

  @Test
  void theHeadIsCheckedBeforeTheBody() {
    assertRefused(ErrorCode.UNAUTHORIZED, () -> check("aliyun", "wrong", "203.0.113.7"));
    assertRefused(ErrorCode.UNAUTHORIZED, () -> check("aliyun", null, "203.0.113.7"));
    assertRefused(ErrorCode.FORBIDDEN, () -> check("aliyun", SmsFixtures.TOKEN, "198.51.100.1"));
    assertRefused(ErrorCode.FORBIDDEN, () -> check("fenced", SmsFixtures.OPEN_TOKEN, "127.0.0.1"));
    assertRefused(ErrorCode.UNKNOWN_ACCOUNT, () -> check("nobody", SmsFixtures.TOKEN, "127.0.0.1"));
    assertRefused(ErrorCode.UNKNOWN_ACCOUNT, () -> check("gateway", "", "127.0.0.1"));
    check("aliyun", SmsFixtures.TOKEN, "203.0.113.7");
    check("open", SmsFixtures.OPEN_TOKEN, "198.51.100.1");
  }

  @Test
  void theGenericFormatIsVerifiedAndChecksItsHotline() {
    byte[] body =
        SmsFixtures.utf8(
            "[{\"id\":\"g1\",\"from\":\"13800138000\",\"to\":\"12345\",\"text\":\"a\","
                + "\"sentAt\":\"2026-01-15T10:29:00+08:00\"},{\"from\":\"13900139000\","
                + "\"to\":\"+8612345\",\"text\":\"b\",\"sentAt\":\"2026-01-15T10:29:01+08:00\"}]");
    String good = SmsFixtures.sign("w1", NOW, body);

    List<SmsText> texts = channel.gateway(gateway(body, good));

    assertThat(texts).extracting(t -> t.inbound().dedupKey()).first().isEqualTo("m:g1");
    assertThat(texts.get(1).inbound().dedupKey()).startsWith("h:");
    assertRefused(
        ErrorCode.INVALID_SIGNATURE,
        () -> channel.gateway(gateway(body, SmsFixtures.sign("w2", NOW, body))));
    byte[] other =
        SmsFixtures.utf8(
            "{\"from\":\"13800138000\",\"to\":\"10086\",\"text\":\"a\",\"sentAt\":\"2026-01-15T10:29:00Z\"}");
    assertRefused(
        ErrorCode.INVALID_SMS,
        () -> channel.gateway(gateway(other, SmsFixtures.sign("w1", NOW, other))));
  }

  @Test
  void aGenericPushOfSeveralTextsIsAnsweredWithEachTextsIds() {
    Accepted a = new Accepted("m1", "t1", "260115000000019", "1234", true, false);
    Accepted b = new Accepted("m2", "t1", "260115000000019", "1234", false, true);

    var ack = channel.gatewayPushes().ack().apply(null, new SmsAccepted(List.of(a, b)));

    assertThat(ack.status()).isEqualTo(202);
    assertThat(ack.text())
        .startsWith("{\"status\":\"accepted\",\"messages\":[")
        .contains("\"messageId\":\"m1\"", "\"messageId\":\"m2\"", "\"status\":\"duplicate\"");
    assertThat(new SmsAccepted(List.of(b)).duplicate()).isTrue();
  }

  private InboundRequest gateway(byte[] body, String signature) {
    return InboundRequest.head(
            "POST",
            "/channels/sms/http/gateway",
            "/channels/sms/http/gateway",
            Map.of("integration", "gateway"),
            Map.of(
                "content-type",
                "application/json",
                "webhook-id",
                "w1",
                "webhook-timestamp",
                Long.toString(NOW),
                "webhook-signature",
                signature),
            Map.of(),
            "127.0.0.1",
            "test")
        .withBody(body, null);
  }

  private void check(String integration, String token, String client) {
    Map<String, String> params = new java.util.HashMap<>();
    params.put("integration", integration);
    if (token != null) {
      params.put("token", token);
    }
    InboundRequest head =
        InboundRequest.head(
            "POST",
            "/x",
            "/x",
            params,
            Map.of("content-type", "application/json"),
            Map.of(),
            client,
            "test");
    channel.aliyunPushes().check().accept(head);
  }

  private static void assertRefused(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
  }
}
