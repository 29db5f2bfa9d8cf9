package cn.gov12345.intake.channel.wechat.io;

import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.await;
import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.errcode;
import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.tokenAnswers;
import static cn.gov12345.intake.support.OutboundMessages.wechat;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.reply.SendOutcome.Status;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WechatCustomReplySenderIT {

  static final String SEND = "/cgi-bin/message/custom/send";
  static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Instant RECENT = NOW.minus(Duration.ofHours(2));

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  WechatApiFixture fx;
  WechatCustomReplySender sender;

  @BeforeEach
  void setUp() {
    fx = new WechatApiFixture(wechat);
    sender = new WechatCustomReplySender(fx.api(), CLOCK);
    wechat.stubFor(tokenAnswers("T"));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void theReplyIsTheDocumentedTextMessageToTheOpenidWithTheSharedToken() {
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .withQueryParam("access_token", equalTo("T"))
            .withRequestBody(
                equalToJson(
                    "{\"touser\":\"oCitizen1\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"您的诉求已受理，编号 261126000000015\"}}"))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

    SendOutcome outcome = await(sender.send(wechat("oCitizen1", RECENT, "receipt")));

    assertThat(outcome).isEqualTo(SendOutcome.sent(""));
    wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND)));
    assertThat(sender.kind()).isEqualTo("wechat_custom");
  }

  @ParameterizedTest
  @CsvSource({
    "45015, NEXT",
    "45047, NEXT",
    "45009, NEXT",
    "40003, NEXT",
    "48001, NEXT",
    "43004, NEXT",
    "-1, RETRY"
  })
  void weChatErrcodesFallThroughOrRetry(int code, Status status) {
    wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(errcode(code)));

    SendOutcome outcome = await(sender.send(wechat("oCitizen1", RECENT, "progress")));

    assertThat(outcome.status()).isEqualTo(status);
    assertThat(outcome.vendorCode()).isEqualTo(Integer.toString(code));
    assertThat(outcome.error()).doesNotContain("oCitizen1");
    wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND)));
  }

  @Test
  void aTokenRejectedTwiceIsRefreshedOnceThenRetriedLater() {
    wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(errcode(42001)));

    SendOutcome outcome = await(sender.send(wechat("oCitizen1", RECENT, "progress")));

    assertThat(outcome.status()).isEqualTo(Status.RETRY);
    assertThat(outcome.vendorCode()).isEqualTo("42001");
    wechat.verify(2, postRequestedFor(urlPathEqualTo(SEND)));
    wechat.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
  }

  @Test
  void justInsideTheWindowWeChatIsCalled() {
    wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":0}")));
    Instant lastInteraction = NOW.minus(Duration.ofHours(47).plusMinutes(59));

    assertThat(await(sender.send(wechat("oCitizen1", lastInteraction, "answer"))).status())
        .isEqualTo(Status.SENT);
    wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND)));
  }

  @Test
  void pastTheFortyEightHourWindowItFallsThroughWithoutCallingWeChat() {
    Instant lastInteraction = NOW.minus(Duration.ofHours(48).plusMinutes(1));

    SendOutcome outcome = await(sender.send(wechat("oCitizen1", lastInteraction, "answer")));

    assertThat(outcome.status()).isEqualTo(Status.NEXT);
    assertThat(outcome.vendorCode()).isEqualTo("45015");
    wechat.verify(0, postRequestedFor(urlPathEqualTo(SEND)));
    wechat.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
  }

  @Test
  void aTimeoutAfterTheRequestWasWrittenIsUnknownAndNotRepeated() {
    wechat.stubFor(
        post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":0}").withFixedDelay(1500)));
    WechatCustomReplySender impatient = new WechatCustomReplySender(fx.api(300), CLOCK);

    SendOutcome outcome = await(impatient.send(wechat("oCitizen1", RECENT, "answer")));

    assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
    Eventually.await(
        Duration.ofSeconds(5), () -> wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND))));
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    try (WechatApiFixture nowhere = new WechatApiFixture(WechatApiFixture.refusingUrl())) {
      nowhere.cacheToken("T");
      WechatCustomReplySender refused = new WechatCustomReplySender(nowhere.api(), CLOCK);

      SendOutcome outcome = await(refused.send(wechat("oCitizen1", RECENT, "answer")));

      assertThat(outcome.status()).isEqualTo(Status.RETRY);
      assertThat(outcome.error()).isEqualTo("unreachable");
    }
  }

  @Test
  void itReachesOnlyAnOpenidOnAConfiguredAccount() {
    OutboundMessage phoneOnly =
        new OutboundMessage(
            "r",
            "t",
            "n",
            "wechat",
            "city",
            new ReplyAddress(null, "+8613800138000", null),
            RECENT,
            "answer",
            "x",
            java.util.Map.of(),
            false);
    OutboundMessage otherAccount =
        new OutboundMessage(
            "r",
            "t",
            "n",
            "wechat",
            "district",
            new ReplyAddress("o1", null, null),
            RECENT,
            "answer",
            "x",
            java.util.Map.of(),
            false);

    assertThat(sender.canReach(wechat("oCitizen1", RECENT, "answer"))).isTrue();
    assertThat(sender.canReach(phoneOnly)).isFalse();
    assertThat(sender.canReach(otherAccount)).isFalse();
  }
}
