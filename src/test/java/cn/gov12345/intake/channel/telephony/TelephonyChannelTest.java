package cn.gov12345.intake.channel.telephony;

import static cn.gov12345.intake.channel.telephony.TelephonyFixtures.encode;
import static cn.gov12345.intake.channel.telephony.TelephonyFixtures.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.support.TestIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The telephony channel's reading rules beyond the contract samples. */
class TelephonyChannelTest {

  static final Instant NOW = Instant.parse("2026-01-15T02:30:00Z");
  final TelephonyChannel channel = TelephonyFixtures.channel(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anOutboundTwilioCallbackTreatsTheCalledNumberAsTheCitizen() {
    var f =
        form(
            "CallSid",
            TelephonyFixtures.callSid(),
            "AccountSid",
            TelephonyFixtures.TWILIO_SID,
            "From",
            "+8610012345",
            "To",
            "13800138000",
            "Direction",
            "outbound-api",
            "CallStatus",
            "busy");
    String uri = "/channels/telephony/twilio/hotline/status";
    TelephonyRequest r =
        channel.twilio(
            "hotline", "status", uri, TelephonyFixtures.twilioSignature(uri, f), encode(f));
    assertThat(r.event().kind()).isEqualTo(CallEventKind.MISSED);
    assertThat(r.event().caller().e164()).isEqualTo("+8613800138000");
    assertThat(r.event().callee()).isEqualTo("+8610012345");
    assertThat(r.event().direction()).isEqualTo("outbound");
    assertThat(r.twiml()).isNull();
  }

  @Test
  void aFormWithTooManyFieldsOrControlBytesIsRefused() {
    String many = "a=1&".repeat(FormBody.MAX_FIELDS + 1);
    assertThatThrownBy(() -> FormBody.parse(many.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode().code()).isEqualTo("invalid_request"));
    assertThatThrownBy(() -> FormBody.parse("a=1\n&b=2".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ChannelException.class);
    assertThatThrownBy(() -> FormBody.parse("a=%4".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ChannelException.class);
    assertThat(FormBody.parse("a&b=&c=%E8%B7%AF+x".getBytes(StandardCharsets.US_ASCII)))
        .containsEntry("a", java.util.List.of(""))
        .containsEntry("c", java.util.List.of("路 x"));
  }

  @Test
  void aZammadOutboundHangupWithCancelIsAMissedCallOfTheCalledCitizen() {
    byte[] body =
        encode(
            form(
                "event",
                "hangup",
                "callId",
                "z-1",
                "direction",
                "out",
                "from",
                "8001",
                "to",
                "13800138000",
                "cause",
                "cancel"));
    TelephonyRequest r = channel.zammad("asterisk", TelephonyFixtures.ZAMMAD_TOKEN, body);
    assertThat(r.event().kind()).isEqualTo(CallEventKind.MISSED);
    assertThat(r.event().caller().e164()).isEqualTo("+8613800138000");
    assertThat(r.inbound().citizen().toString()).doesNotContain("13800138000");
  }

  @Test
  void callIdsWithUnsafeCharactersAreRefused() {
    byte[] body = encode(form("event", "newCall", "callId", "a b{p0}", "from", "1"));
    assertThatThrownBy(() -> channel.zammad("asterisk", TelephonyFixtures.ZAMMAD_TOKEN, body))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode().code()).isEqualTo("invalid_call_event"));
  }

  @Test
  void aCtiRecordingUrlIsReadOnlyWhenItIsAPlainHttpsUrlUnderTheSourcesPrefix() {
    String ok = TelephonyFixtures.CTI_RECORDINGS + "r1.wav?sig=abc";
    assertThat(cti(ok).event().recordingUrl()).isEqualTo(ok);
    for (String refused :
        new String[] {
          "httpfile:///etc/passwd",
          "httpx://pbx.example.gov.cn/recordings/r1.wav",
          "https://pbx.example.gov.cn@169.254.169.254/recordings/r1.wav",
          "https://user:pw@pbx.example.gov.cn/recordings/r1.wav",
          "https://pbx.example.gov.cn.evil.example/recordings/r1.wav",
          "https://pbx.example.gov.cn:8443/recordings/r1.wav",
          "http://pbx.example.gov.cn/recordings/r1.wav",
          "https://pbx.example.gov.cn/other/r1.wav",
          "http://169.254.169.254/latest/meta-data/",
          "http://127.0.0.1:6379/"
        }) {
      assertThatThrownBy(() -> cti(refused))
          .as(refused)
          .isInstanceOfSatisfying(
              ChannelException.class,
              e -> {
                assertThat(e.errorCode().code()).isEqualTo("recording_url_refused");
                assertThat(e.errorCode().status()).isEqualTo(422);
              });
    }
  }

  private TelephonyRequest cti(String recordingUrl) {
    byte[] body =
        ("{\"callId\":\"pbx-rec-1\",\"event\":\"recording-ready\",\"timestamp\":\""
                + NOW
                + "\",\"caller\":\"13800138000\",\"recordingUrl\":\""
                + recordingUrl
                + "\",\"recordingId\":\"r1\"}")
            .getBytes(StandardCharsets.UTF_8);
    long ts = NOW.getEpochSecond();
    String id = "msg_rec" + Math.abs(recordingUrl.hashCode());
    return channel.cti("pbx", id, "" + ts, TelephonyFixtures.ctiSignature(id, ts, body), body);
  }

  @Test
  void businessHoursMaySpanMidnightAndEndAt24() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC); // 10:30 China time
    var night =
        new TelephonyChannel(
            TelephonyFixtures.config("https://x/", "20:00-08:00"), TestIdentity.phones(), clock);
    var day =
        new TelephonyChannel(
            TelephonyFixtures.config("https://x/", "08:00-24:00"), TestIdentity.phones(), clock);
    assertThat(night.withinBusinessHours(NOW)).isFalse();
    assertThat(night.withinBusinessHours(Instant.parse("2026-01-15T13:00:00Z"))).isTrue();
    assertThat(day.withinBusinessHours(NOW)).isTrue();
    assertThat(day.withinBusinessHours(Instant.parse("2026-01-14T23:00:00Z"))).isFalse();
    assertThat(day.withinBusinessHours(Instant.parse("2026-01-15T15:59:00Z"))).isTrue();
  }
}
