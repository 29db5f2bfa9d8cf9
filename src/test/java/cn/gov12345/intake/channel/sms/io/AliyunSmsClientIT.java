package cn.gov12345.intake.channel.sms.io;

import static cn.gov12345.intake.channel.sms.io.SmsFixtures.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.sms.AliyunSignature;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.reply.SendOutcome.Status;
import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alibaba Cloud SendSms against a WireMock stand-in of dysmsapi.aliyuncs.com. */
class AliyunSmsClientIT {

  @RegisterExtension static WireMockExtension aliyun = TestDestinations.sink();

  final Vertx vertx = Vertx.vertx();
  final HttpClient web = vertx.createHttpClient();

  @AfterEach
  void tearDown() {
    vertx.close();
  }

  AliyunSmsClient client(Duration timeout) {
    return client(aliyun.baseUrl(), timeout);
  }

  AliyunSmsClient client(String endpoint, Duration timeout) {
    return new AliyunSmsClient(
        web, SmsFixtures.aliyun(endpoint, timeout), SmsFixtures.CLOCK, () -> SmsFixtures.NONCE);
  }

  static String error(String code) {
    return "{\"Code\":\""
        + code
        + "\",\"Message\":\"vendor-message-13800138000\",\"RequestId\":\"F655A8D5\"}";
  }

  @Test
  void anOkAnswerIsSentWithTheBizIdAndTheRequestIsSignedAsAlibabaVerifies() {
    aliyun.stubFor(
        post(urlEqualTo("/"))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .willReturn(
                okJson(
                    "{\"Message\":\"OK\",\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\","
                        + "\"Code\":\"OK\",\"BizId\":\"900619746936498440^0\"}")));

    SendOutcome outcome =
        await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)));

    assertThat(outcome).isEqualTo(SendOutcome.sent("900619746936498440^0"));
    LoggedRequest request = aliyun.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
    assertThat(request.getUrl()).isEqualTo("/").doesNotContain("13800138000");
    Map<String, String> form = SmsFixtures.form(request.getBodyAsString());
    assertThat(form)
        .containsEntry("Action", "SendSms")
        .containsEntry("Version", "2017-05-25")
        .containsEntry("Format", "JSON")
        .containsEntry("AccessKeyId", SmsFixtures.ACCESS_KEY_ID)
        .containsEntry("RegionId", "cn-hangzhou")
        .containsEntry("PhoneNumbers", "13800138000")
        .containsEntry("SignName", "12345热线")
        .containsEntry("TemplateCode", "SMS_123456789")
        .containsEntry("TemplateParam", "{\"no\":\"261126000000015\",\"code\":\"4821\"}")
        .containsEntry("OutId", SmsFixtures.REPLY_ID)
        .containsEntry("SignatureMethod", "HMAC-SHA1")
        .containsEntry("SignatureVersion", "1.0")
        .containsEntry("SignatureNonce", SmsFixtures.NONCE)
        .containsEntry("Timestamp", "2026-03-01T02:00:00Z");
    Map<String, String> signed = new TreeMap<>(form);
    String signature = signed.remove("Signature");
    assertThat(signature)
        .isEqualTo(AliyunSignature.sign(SmsFixtures.ACCESS_KEY_SECRET, "POST", signed));
  }

  @ParameterizedTest
  @CsvSource({
    "200, isv.MOBILE_NUMBER_ILLEGAL, NEXT",
    "200, isv.BLACK_KEY_CONTROL_LIMIT, NEXT",
    "200, isv.SMS_TEMPLATE_ILLEGAL, NEXT",
    "200, isv.SMS_SIGNATURE_ILLEGAL, NEXT",
    "200, isv.AMOUNT_NOT_ENOUGH, NEXT",
    "200, isv.TEMPLATE_MISSING_PARAMETERS, NEXT",
    "400, SignatureDoesNotMatch, NEXT",
    "404, InvalidAccessKeyId.NotFound, NEXT",
    "200, isv.SOMETHING_NEW, NEXT",
    "200, isv.BUSINESS_LIMIT_CONTROL, RETRY",
    "200, isp.SYSTEM_ERROR, RETRY",
    "500, isp.SYSTEM_ERROR, RETRY",
    "400, Throttling.User, RETRY",
    "503, ServiceUnavailable, RETRY"
  })
  void documentedErrorCodesAreClassifiedWithTheCodeAsVendorCode(
      int status, String code, Status expected) {
    aliyun.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(error(code))));

    SendOutcome outcome =
        await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)));

    assertThat(outcome.status()).isEqualTo(expected);
    assertThat(outcome.vendorCode()).isEqualTo(code);
    assertThat(outcome.vendorMessageId()).isEmpty();
    assertThat(outcome.error()).doesNotContain("13800138000", "vendor-message");
    aliyun.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void answersWithoutACodeAreClassifiedByTheirStatus() {
    aliyun.stubFor(
        post(urlEqualTo("/"))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
    assertThat(await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE))))
        .isEqualTo(SendOutcome.retry("503", 7000, "SendSms answered HTTP 503"));

    aliyun.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403).withBody("<h1>")));
    assertThat(
            await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)))
                .status())
        .isEqualTo(Status.NEXT);

    aliyun.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody("<h1>")));
    assertThat(
            await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)))
                .status())
        .as("a 2xx the gateway cannot read may have been taken")
        .isEqualTo(Status.UNKNOWN);
  }

  @Test
  void noAnswerInTimeAfterTheRequestWasWrittenIsUnknown() {
    aliyun.stubFor(post(urlEqualTo("/")).willReturn(okJson(error("OK")).withFixedDelay(1500)));

    SendOutcome outcome =
        await(client(Duration.ofMillis(300)).send(SmsFixtures.request(SmsFixtures.PHONE)));

    assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
    aliyun.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aRefusedConnectionIsRetried() throws Exception {
    String nowhere = "http://127.0.0.1:" + SmsFixtures.closedPort();

    SendOutcome outcome =
        await(client(nowhere, Duration.ofSeconds(2)).send(SmsFixtures.request(SmsFixtures.PHONE)));

    assertThat(outcome.status()).isEqualTo(Status.RETRY);
    assertThat(outcome.retryAfterMillis()).isEqualTo(-1);
  }

  @Test
  void aHostThatNeverCompletesTheHandshakeIsRetriedNotUnknown() throws Exception {
    try (SmsFixtures.Unanswered host = new SmsFixtures.Unanswered()) {
      SendOutcome outcome =
          await(
              client(host.url(), Duration.ofMillis(800))
                  .send(SmsFixtures.request(SmsFixtures.PHONE)));

      assertThat(outcome.status()).isEqualTo(Status.RETRY);
    }
  }

  @Test
  void onlyMainlandMobileNumbersAreReachableAndOthersAreNeverSent() {
    AliyunSmsClient client = client(Duration.ofSeconds(2));

    assertThat(client.canReach("+8613800138000")).isTrue();
    assertThat(client.canReach("+85291234567")).as("Hong Kong").isFalse();
    assertThat(client.canReach("+861012345678")).as("a Beijing landline").isFalse();
    assertThat(client.canReach("13800138000")).as("not E.164").isFalse();
    assertThat(client.canReach(null)).isFalse();
    assertThat(await(client.send(SmsFixtures.request("+85291234567"))).status())
        .isEqualTo(Status.NEXT);
    aliyun.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aTemplateWithoutVariablesSendsNoTemplateParam() {
    aliyun.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("TemplateCode=SMS_1"))
            .willReturn(okJson("{\"Code\":\"OK\",\"BizId\":\"1^0\"}")));

    SendOutcome outcome =
        await(
            client(Duration.ofSeconds(2))
                .send(new SmsRequest(SmsFixtures.REPLY_ID, SmsFixtures.PHONE, "SMS_1", Map.of())));

    assertThat(outcome.status()).isEqualTo(Status.SENT);
    assertThat(aliyun.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString())
        .doesNotContain("TemplateParam");
    aliyun.verify(
        1, postRequestedFor(urlEqualTo("/")).withHeader("Accept", equalTo("application/json")));
  }
}
