package cn.gov12345.intake.channel.app.io;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.AppPushConfig;
import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.outbound.HttpExchange;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.reply.SendOutcome.Status;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.OutboundMessages;
import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppPushReplySenderIT {

  static final String PATH = "/push/v1/replies";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension static WireMockExtension backend = TestDestinations.sink();

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    vertx.close();
  }

  AppPushReplySender sender(String url, Duration timeout) {
    return new AppPushReplySender(
        new HttpExchange(vertx.createHttpClient()),
        new AppPushConfig(url, List.of(Secret.of(TestDestinations.SECRET)), timeout),
        CLOCK);
  }

  AppPushReplySender sender() {
    return sender(backend.baseUrl() + PATH, Duration.ofSeconds(5));
  }

  SendOutcome send(AppPushReplySender sender) {
    return await(sender.send(OutboundMessages.app("u-1001", "已派单至朝阳区水务局", true)));
  }

  @Test
  void theReplyIsPostedSignedWithTheReplyIdAsWebhookIdAndTheAnswersIdKept() {
    backend.stubFor(
        post(urlEqualTo(PATH))
            .withHeader("Content-Type", equalToIgnoreCase(AppPushReplySender.CONTENT_TYPE))
            .withHeader("webhook-id", equalTo(OutboundMessages.REPLY_ID))
            .withHeader("webhook-timestamp", equalTo(Long.toString(CLOCK.millis() / 1000)))
            .withRequestBody(
                equalToJson(
                    "{\"replyId\":\""
                        + OutboundMessages.REPLY_ID
                        + "\",\"ticketId\":\""
                        + OutboundMessages.TICKET_ID
                        + "\",\"trackingNumber\":\"261126000000015\",\"appUser\":\"u-1001\","
                        + "\"kind\":\"answer\",\"text\":\"已派单至朝阳区水务局\",\"urgent\":true}"))
            .willReturn(okJson("{\"id\":\"push-42\"}").withStatus(202)));

    SendOutcome outcome = send(sender());

    assertThat(outcome).isEqualTo(SendOutcome.sent("push-42"));
    LoggedRequest request = TestDestinations.received(backend, PATH).get(0);
    TestDestinations.assertSigned(request);
    assertThat(request.getHeader("webhook-signature")).startsWith("v1,");
  }

  @Test
  void aSuccessWithoutAJsonIdIsSentWithoutAVendorId() {
    backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

    assertThat(send(sender())).isEqualTo(SendOutcome.sent(""));
  }

  @ParameterizedTest
  @CsvSource({
    "404, NEXT",
    "410, NEXT",
    "400, NEXT",
    "422, NEXT",
    "302, NEXT",
    "500, RETRY",
    "502, RETRY"
  })
  void theBackendsStatusDecidesFallThroughOrRetry(int status, Status expected) {
    backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)));

    SendOutcome outcome = send(sender());

    assertThat(outcome.status()).isEqualTo(expected);
    assertThat(outcome.vendorCode()).isEqualTo(Integer.toString(status));
    assertThat(outcome.error()).doesNotContain("u-1001");
  }

  @ParameterizedTest
  @CsvSource({"429", "503"})
  void throttlingIsRetriedAfterItsRetryAfter(int status) {
    backend.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(status).withHeader("Retry-After", "120")));

    SendOutcome outcome = send(sender());

    assertThat(outcome.status()).isEqualTo(Status.RETRY);
    assertThat(outcome.retryAfterMillis()).isEqualTo(120_000);
  }

  @Test
  void aTimeoutAfterTheRequestWasWrittenIsUnknown() {
    backend.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{}").withFixedDelay(1500)));

    SendOutcome outcome = send(sender(backend.baseUrl() + PATH, Duration.ofMillis(300)));

    assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
    Eventually.await(
        Duration.ofSeconds(5), () -> backend.verify(1, postRequestedFor(urlEqualTo(PATH))));
  }

  @Test
  void aConnectionDroppedAfterTheRequestWasWrittenIsUnknown() {
    backend.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThat(send(sender()).status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    String nowhere;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + socket.getLocalPort() + PATH;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }

    assertThat(send(sender(nowhere, Duration.ofSeconds(2))).status()).isEqualTo(Status.RETRY);
  }

  @Test
  void itReachesAnAppUserOnlyWhenTheWebhookIsConfigured() {
    OutboundMessage openidOnly =
        new OutboundMessage(
            "r",
            "t",
            "n",
            "wechat",
            "city",
            new ReplyAddress("o1", null, null),
            null,
            "answer",
            "x",
            Map.of(),
            false);
    AppPushReplySender unconfigured =
        new AppPushReplySender(
            new HttpExchange(vertx.createHttpClient()), AppPushConfig.none(), CLOCK);

    assertThat(sender().canReach(OutboundMessages.app("u-1", "x", false))).isTrue();
    assertThat(sender().canReach(openidOnly)).isFalse();
    assertThat(unconfigured.canReach(OutboundMessages.app("u-1", "x", false))).isFalse();
    assertThat(sender().kind()).isEqualTo("app_push");
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
