package cn.gov12345.intake.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.sms.AliyunSignature;
import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.RedisDump;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TicketStream;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller from a mobile number gets one SMS receipt with the tracking number and the 查询码, through
 * Alibaba Cloud SendSms (a WireMock that checks the request's signature), and the provider's
 * delivery receipt becomes one reply.delivered event.
 */
@Tag("cluster")
class SmsReplyIT {

  static final String SECRET = "test-only-aliyun-secret";
  static final String TOKEN = "receipts-test-token-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static WireMockExtension aliyun = TestDestinations.sink();

  static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    String replies =
        "replies:\n"
            + "  enabled: true\n"
            + "  quietHours: { senders: [] }\n"
            + "  sms:\n"
            + "    provider: aliyun\n"
            + "    endpoint: "
            + aliyun.baseUrl()
            + "\n"
            + "    accessKeyId: LTAI5tTestOnly\n"
            + "    accessKeySecret: "
            + SECRET
            + "\n"
            + "    signName: 12345热线\n"
            + "    receiptToken: "
            + TOKEN
            + "\n"
            + "    templates:\n"
            + "      receipt: { code: SMS_123456789, params: { no: trackingNumber, code: queryCode } }\n";
    gateway =
        TestGateway.start(
            TelephonyFixtures.yaml("https://api.twilio.com/", "") + StatusClient.YAML + replies,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aCallerFromAMobileGetsOneSignedSmsReceiptAndItsDeliveryIsRecordedOnce() throws Exception {
    aliyun.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                okJson(
                    "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\","
                        + "\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\"}")));
    TelephonyClient c = new TelephonyClient(gateway);
    String number = TelephonyFixtures.mobile();
    String callId = TelephonyFixtures.sid("sms");
    TelephonyIntakeIT.newCall(c, callId, number);
    HttpResponse<String> hangup = TelephonyIntakeIT.hangup(c, callId, number, "normalClearing");
    JsonObject answer = new JsonObject(hangup.body());
    String ticketId = answer.getString("ticketId");

    JsonObject sent =
        Eventually.get(() -> TicketStream.first(gateway, ticketId, EventTypes.REPLY_SENT));
    assertThat(sent.getJsonObject("data").getString("sender")).isEqualTo("sms");
    assertThat(sent.getJsonObject("data").getString("vendorMessageId"))
        .isEqualTo("900619746936498440^0");
    var requests = aliyun.findAll(postRequestedFor(urlEqualTo("/")));
    assertThat(requests).hasSize(1);
    Map<String, String> form = form(requests.get(0).getBodyAsString());
    assertThat(form).containsEntry("Action", "SendSms").containsEntry("PhoneNumbers", number);
    assertThat(form.get("TemplateParam"))
        .contains(answer.getString("trackingNumber"), answer.getString("queryCode"));
    String signature = form.remove("Signature");
    assertThat(signature).isEqualTo(AliyunSignature.sign(SECRET, "POST", form));

    String replyId = sent.getJsonObject("data").getString("replyId");
    String report =
        "[{\"phone_number\":\""
            + number
            + "\",\"send_time\":\"2026-12-03 10:00:00\",\"report_time\":\"2026-12-03 10:00:05\","
            + "\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
            + "\"sms_size\":\"1\",\"biz_id\":\"900619746936498440^0\",\"out_id\":\""
            + replyId
            + "\"}]";
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> pushed = receipt(TOKEN, report);
      assertThat(pushed.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(pushed.body()).getInteger("code")).isEqualTo(0);
    }
    var delivered = TicketStream.all(gateway, ticketId, EventTypes.REPLY_DELIVERED);
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).getJsonObject("data").getBoolean("delivered")).isTrue();
    EventSchemas.assertValid(delivered.get(0).encode());
    EventSchemas.assertValid(sent.encode());
    assertThat(receipt("wrong-token", report).statusCode()).isEqualTo(401);
    assertThat(RedisDump.of(gateway.prefix())).doesNotContain(number);
  }

  static HttpResponse<String> receipt(String token, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/sms/receipts/aliyun/" + token))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> form(String body) {
    Map<String, String> params = new TreeMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
