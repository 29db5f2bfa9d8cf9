package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.channel.telephony.TelephonyChannel;
import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The telephony channel end to end: HTTP in, Redis state machine, tickets out. */
@Tag("cluster")
class TelephonyIntakeIT {

  static final String TOKEN = TelephonyFixtures.ZAMMAD_TOKEN;

  @Test
  void aZammadNewCallHungUpWithCauseCancelYieldsACallbackTicketAndARepeatJoinsIt()
      throws Exception {
    try (TestGateway g = start("")) {
      TelephonyClient c = new TelephonyClient(g);
      String number = TelephonyFixtures.mobile();
      assertThat(newCall(c, "call-a", number).statusCode()).isEqualTo(200);
      HttpResponse<String> hangup = hangup(c, "call-a", number, "cancel");
      assertThat(hangup.statusCode()).isEqualTo(200);
      assertThat(hangup.body()).contains("\"state\":\"abandoned\"", "trackingNumber");

      List<JsonNode> tickets = c.tickets();
      assertThat(tickets).hasSize(1);
      JsonNode data = tickets.get(0).path("data");
      assertThat(data.path("call").path("state").asText()).isEqualTo("abandoned");
      assertThat(data.path("call").path("callbackRequired").asBoolean()).isTrue();
      assertThat(data.path("call").path("endCause").asText()).isEqualTo("cancel");
      assertThat(data.path("citizen").path("scheme").asText()).isEqualTo("phone");
      Map<String, Object> contact =
          Services.create(g.config(), null, Clock.systemUTC(), new IntakeMetrics())
              .sealer()
              .open(data.path("citizen").path("contact").asText());
      assertThat(contact).containsEntry("phone", "+86" + number);
      assertThat(c.messages()).hasSize(2).noneMatch(m -> m.contains(number));

      // the same caller gives up again a minute later: one ticket, the second call appended
      newCall(c, "call-b", number);
      hangup(c, "call-b", number, "cancel");
      tickets = c.tickets();
      assertThat(tickets).hasSize(2);
      assertThat(tickets.get(1).path("type").asText()).endsWith("ticket.appended.v1");
      assertThat(tickets.get(1).path("subject").asText())
          .isEqualTo(tickets.get(0).path("subject").asText());
      assertThat(tickets.get(1).path("data").path("call").path("callId").asText())
          .isEqualTo("call-b");
    }
  }

  @Test
  void anAnsweredZammadCallIsACompletedTicketWithTheAgentAndARetryWritesNothing() throws Exception {
    try (TestGateway g = start("")) {
      TelephonyClient c = new TelephonyClient(g);
      String number = "010-8888 6666";
      newCall(c, "call-c", number);
      c.zammad(
          TOKEN,
          "event",
          "answer",
          "callId",
          "call-c",
          "direction",
          "in",
          "from",
          number,
          "to",
          "12345",
          "answeringNumber",
          "8001");
      hangup(c, "call-c", number, "normalClearing");
      HttpResponse<String> retry = hangup(c, "call-c", number, "normalClearing");
      assertThat(retry.body()).contains("\"status\":\"duplicate\"");

      List<JsonNode> tickets = c.tickets();
      assertThat(tickets).hasSize(1);
      JsonNode call = tickets.get(0).path("data").path("call");
      assertThat(call.path("state").asText()).isEqualTo("completed");
      assertThat(call.path("callbackRequired").asBoolean()).isFalse();
      assertThat(call.path("agent").asText()).isEqualTo("8001");
      assertThat(c.messages()).hasSize(3);

      // the caller can look the call's ticket up (进度查询) like any other channel's
      String tracking = tickets.get(0).path("data").path("trackingNumber").asText();
      String code =
          new QueryCodes(g.config().identity().pseudonymKey().utf8())
              .codeFor(tracking, tickets.get(0).path("data").path("ticketId").asText());
      HttpResponse<String> lookup = new StatusClient(g.baseUrl()).lookup(tracking, code);
      assertThat(lookup.statusCode()).isEqualTo(200);
      assertThat(lookup.body()).contains("\"status\":\"received\"");
    }
  }

  @Test
  void aWrongZammadTokenOrUnknownIntegrationIsRefusedAndWritesNothing() throws Exception {
    try (TestGateway g = start("")) {
      TelephonyClient c = new TelephonyClient(g);
      HttpResponse<String> wrong =
          c.zammad("x".repeat(30), "event", "newCall", "callId", "c1", "from", "13800138000");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("\"code\":\"unauthorized\"");
      HttpResponse<String> unknown =
          c.post(
              "/channels/telephony/zammad/nobody/" + TOKEN,
              "application/x-www-form-urlencoded",
              new byte[0]);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(c.tickets()).isEmpty();
      assertThat(c.messages()).isEmpty();
    }
  }

  @Test
  void anIncomingTwilioCallAfterHoursHearsTheChineseVoicemailPromptAndBecomesACallbackTicket()
      throws Exception {
    try (TestGateway g = start("    businessHours: \"" + closedNow() + "\"\n")) {
      TelephonyClient c = new TelephonyClient(g);
      String sid = TelephonyFixtures.callSid();
      HttpResponse<String> voice =
          c.twilio("voice", sid, "+8613912345678", "CallStatus", "ringing");
      assertThat(voice.statusCode()).isEqualTo(200);
      assertThat(voice.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
      assertThat(voice.body()).contains("<Say language=\"zh-CN\">", "<Record", "留言");
      HttpResponse<String> done =
          c.twilio(
              "status",
              sid,
              "+8613912345678",
              "CallStatus",
              "completed",
              "SequenceNumber",
              "3",
              "CallDuration",
              "40");
      assertThat(done.body()).isEqualTo(TelephonyChannel.EMPTY_TWIML);

      JsonNode call = c.tickets().get(0).path("data").path("call");
      assertThat(call.path("state").asText()).isEqualTo("voicemail");
      assertThat(call.path("callbackRequired").asBoolean()).isTrue();
    }
  }

  @Test
  void aForgedOrMisaddressedTwilioRequestIsRefusedAndTheDefaultPortVariantIsAccepted()
      throws Exception {
    try (TestGateway g = start("")) {
      TelephonyClient c = new TelephonyClient(g);
      String sid = TelephonyFixtures.callSid();
      var form =
          TelephonyFixtures.form(
              "CallSid",
              sid,
              "AccountSid",
              TelephonyFixtures.TWILIO_SID,
              "From",
              "anonymous",
              "CallStatus",
              "ringing");
      String uri = "/channels/telephony/twilio/hotline/voice";
      HttpResponse<String> forged =
          c.post(
              uri,
              "application/x-www-form-urlencoded",
              TelephonyFixtures.encode(form),
              "X-Twilio-Signature",
              "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(forged.body()).contains("invalid_signature");
      assertThat(c.messages()).isEmpty();

      String withPort =
          cn.gov12345.intake.channel.telephony.TwilioSignature.sign(
              TelephonyFixtures.TWILIO_TOKEN, TelephonyFixtures.PUBLIC_BASE + ":443" + uri, form);
      HttpResponse<String> ok =
          c.post(
              uri,
              "application/x-www-form-urlencoded",
              TelephonyFixtures.encode(form),
              "X-Twilio-Signature",
              withPort);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(c.messages()).hasSize(1);
      assertThat(c.messages().get(0))
          .contains("\"scheme\":\"anonymous\"", "\"caller\":\"withheld\"");
    }
  }

  @Test
  void aCallWithNoEndEventIsClosedAfterTheTimeoutAsAnUnansweredCallback() throws Exception {
    try (TestGateway g = start("    callTimeout: 1s\n    sweepInterval: 200ms\n")) {
      TelephonyClient c = new TelephonyClient(g);
      String json =
          "{\"callId\":\"pbx-lost-1\",\"event\":\"ringing\",\"timestamp\":\""
              + Instant.now()
              + "\",\"caller\":\"unknown\",\"callee\":\"12345\"}";
      assertThat(c.cti(json).statusCode()).isEqualTo(202);
      Eventually.await(Duration.ofSeconds(15), () -> assertThat(c.tickets()).hasSize(1));
      JsonNode call = c.tickets().get(0).path("data").path("call");
      assertThat(call.path("state").asText()).isEqualTo("timed_out");
      assertThat(call.path("callbackRequired").asBoolean()).isTrue();
      assertThat(c.tickets().get(0).path("data").path("citizen").path("scheme").asText())
          .isEqualTo("anonymous");
      HttpResponse<String> stale = c.cti(json, Instant.now().getEpochSecond() - 3600);
      assertThat(stale.statusCode()).isEqualTo(401);
      assertThat(stale.body()).contains("stale_timestamp");
    }
  }

  static HttpResponse<String> newCall(TelephonyClient c, String callId, String from) {
    return c.zammad(
        TOKEN,
        "event",
        "newCall",
        "callId",
        callId,
        "direction",
        "in",
        "from",
        from,
        "to",
        "12345",
        "user[]",
        "");
  }

  static HttpResponse<String> hangup(TelephonyClient c, String callId, String from, String cause) {
    return c.zammad(
        TOKEN,
        "event",
        "hangup",
        "callId",
        callId,
        "direction",
        "in",
        "from",
        from,
        "to",
        "12345",
        "cause",
        cause);
  }

  /** Business hours that do not include now (China time). */
  static String closedNow() {
    var f = DateTimeFormatter.ofPattern("HH:mm");
    var now = Instant.now().atZone(ZoneId.of("Asia/Shanghai"));
    return f.format(now.plusHours(2)) + "-" + f.format(now.plusHours(3));
  }

  static TestGateway start(String extra) throws Exception {
    return TestGateway.start(
        TelephonyFixtures.yaml("https://api.twilio.com/", extra), Clock.systemUTC());
  }
}
