package cn.gov12345.intake.channel.sms.io;

import static cn.gov12345.intake.channel.sms.io.SmsFixtures.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.reply.SendOutcome.Status;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generic signed-HTTP SMS provider against a WireMock stand-in of an in-house gateway. */
class HttpSmsClientIT {

  static final String PATH = "/v1/messages";

  @RegisterExtension static WireMockExtension provider = TestDestinations.sink();

  final Vertx vertx = Vertx.vertx();
  final HttpClient web = vertx.createHttpClient();

  @AfterEach
  void tearDown() {
    vertx.close();
  }

  HttpSmsClient client(Duration timeout) {
    return client(provider.baseUrl() + PATH, timeout);
  }

  HttpSmsClient client(String url, Duration timeout) {
    return new HttpSmsClient(web, SmsFixtures.http(url, timeout), SmsFixtures.CLOCK);
  }

  @Test
  void aMessageIsPostedAsDocumentedAndItsSignatureVerifiesAtTheReceiver() {
    provider.stubFor(
        post(urlEqualTo(PATH))
            .withHeader("Content-Type", equalToIgnoreCase(HttpSmsClient.CONTENT_TYPE))
            .withHeader("webhook-id", equalTo(SmsFixtures.REPLY_ID))
            .withHeader("webhook-timestamp", equalTo("1772330400"))
            .withRequestBody(
                equalToJson(
                    "{\"id\":\""
                        + SmsFixtures.REPLY_ID
                        + "\",\"to\":\"+8613800138000\",\"template\":\"SMS_123456789\","
                        + "\"params\":{\"no\":\"261126000000015\",\"code\":\"4821\"},"
                        + "\"signName\":\"12345热线\"}"))
            .willReturn(aResponse().withStatus(202).withBody("{\"messageId\":\"gw-77\"}")));

    SendOutcome outcome =
        await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)));

    assertThat(outcome).isEqualTo(SendOutcome.sent("gw-77"));
    LoggedRequest request = provider.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
    byte[] key = WebhookSourceConfig.keyOf(Secret.of(SmsFixtures.HTTP_SECRET));
    assertThat(
            StandardWebhooks.verify(
                List.of(key),
                request.getHeader("webhook-id"),
                Long.parseLong(request.getHeader("webhook-timestamp")),
                request.getBody(),
                request.getHeader("webhook-signature")))
        .isTrue();
    assertThat(
            StandardWebhooks.verify(
                List.of(key),
                "another-id",
                Long.parseLong(request.getHeader("webhook-timestamp")),
                request.getBody(),
                request.getHeader("webhook-signature")))
        .as("the id is signed: a receiver deduplicating by webhook-id can trust it")
        .isFalse();
  }

  @Test
  void aTwoHundredWithoutAMessageIdIsSentWithoutOne() {
    provider.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

    assertThat(await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE))))
        .isEqualTo(SendOutcome.sent(""));
  }

  @ParameterizedTest
  @CsvSource({
    "400, , NEXT, 400, -1",
    "422, number_blacklisted, NEXT, number_blacklisted, -1",
    "404, , NEXT, 404, -1",
    "429, , RETRY, 429, 30000",
    "500, , RETRY, 500, 30000",
    "503, provider_busy, RETRY, provider_busy, 30000"
  })
  void errorStatusesAreClassifiedAndRetryAfterIsHonoured(
      int status, String code, Status expected, String vendorCode, long retryAfter) {
    provider.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Retry-After", "30")
                    .withBody(code == null ? "" : "{\"code\":\"" + code + "\"}")));

    SendOutcome outcome =
        await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)));

    assertThat(outcome.status()).isEqualTo(expected);
    assertThat(outcome.vendorCode()).isEqualTo(vendorCode);
    assertThat(outcome.retryAfterMillis()).isEqualTo(retryAfter);
    provider.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void noAnswerInTimeIsUnknownAndARefusedConnectionIsRetried() throws Exception {
    provider.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{}").withFixedDelay(1500)));

    assertThat(
            await(client(Duration.ofMillis(300)).send(SmsFixtures.request(SmsFixtures.PHONE)))
                .status())
        .isEqualTo(Status.UNKNOWN);
    String nowhere = "http://127.0.0.1:" + SmsFixtures.closedPort() + PATH;
    assertThat(
            await(
                    client(nowhere, Duration.ofSeconds(2))
                        .send(SmsFixtures.request(SmsFixtures.PHONE)))
                .status())
        .isEqualTo(Status.RETRY);
  }

  @Test
  void redirectsAreNotFollowed() {
    provider.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(307).withHeader("Location", "/elsewhere")));

    assertThat(
            await(client(Duration.ofSeconds(5)).send(SmsFixtures.request(SmsFixtures.PHONE)))
                .status())
        .isEqualTo(Status.NEXT);
    provider.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void anyE164NumberIsReachable() {
    HttpSmsClient client = client(Duration.ofSeconds(2));
    assertThat(client.canReach("+8613800138000")).isTrue();
    assertThat(client.canReach("+85291234567")).isTrue();
    assertThat(client.canReach("13800138000")).isFalse();
    assertThat(client.canReach(null)).isFalse();
  }
}
