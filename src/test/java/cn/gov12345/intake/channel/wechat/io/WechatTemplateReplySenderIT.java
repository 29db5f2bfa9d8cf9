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

import cn.gov12345.intake.config.WechatTemplateConfig;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.reply.SendOutcome.Status;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.OutboundMessages;
import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WechatTemplateReplySenderIT {

  static final String SEND = "/cgi-bin/message/template/send";
  static final String TEMPLATE = "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY";
  static final Instant LONG_AGO = Instant.parse("2026-11-01T00:00:00Z");

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  WechatApiFixture fx;
  WechatTemplateReplySender sender;

  static Map<String, Map<String, WechatTemplateConfig>> templates() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("character_string1", "{trackingNumber}");
    data.put("thing2", "{text}");
    data.put("phrase3", "已受理");
    return Map.of(
        "city",
        Map.of(
            "answer",
            new WechatTemplateConfig(
                TEMPLATE, "https://12345.example.gov.cn/lookup?n={trackingNumber}", data)));
  }

  @BeforeEach
  void setUp() {
    fx = new WechatApiFixture(wechat);
    sender = new WechatTemplateReplySender(fx.api(), templates());
    wechat.stubFor(tokenAnswers("T"));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /**
   * The body of 发送模板消息's published example (touser, template_id, url, client_msg_id, data {key:
   * {value}}) and its published answer {@code {"errcode":0,"errmsg":"ok","msgid":200228332}}.
   */
  @Test
  void theReplyIsTheDocumentedTemplateMessageAndItsMsgidIsKept() {
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .withQueryParam("access_token", equalTo("T"))
            .withRequestBody(
                equalToJson(
                    "{\"touser\":\"oCitizen1\",\"template_id\":\""
                        + TEMPLATE
                        + "\",\"url\":\"https://12345.example.gov.cn/lookup?n=261126000000015\","
                        + "\"client_msg_id\":\""
                        + OutboundMessages.REPLY_ID
                        + "\",\"data\":{"
                        + "\"character_string1\":{\"value\":\"261126000000015\"},"
                        + "\"thing2\":{\"value\":\"您的诉求已受理，编号 26112600…\"},"
                        + "\"phrase3\":{\"value\":\"已受理\"}}}"))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}")));

    SendOutcome outcome = await(sender.send(wechat("oCitizen1", LONG_AGO, "answer")));

    assertThat(outcome).isEqualTo(SendOutcome.sent("200228332"));
    wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND)));
  }

  @ParameterizedTest
  @CsvSource({
    "40037, NEXT",
    "43004, NEXT",
    "40003, NEXT",
    "47003, NEXT",
    "45009, NEXT",
    "48001, NEXT",
    "-1, RETRY"
  })
  void weChatErrcodesFallThroughOrRetry(int code, Status status) {
    wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(errcode(code)));

    SendOutcome outcome = await(sender.send(wechat("oCitizen1", LONG_AGO, "answer")));

    assertThat(outcome.status()).isEqualTo(status);
    assertThat(outcome.vendorCode()).isEqualTo(Integer.toString(code));
    assertThat(outcome.vendorMessageId()).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheTemplateSentWithTheNewOne() {
    fx.cacheToken("STALE");
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .withQueryParam("access_token", equalTo("STALE"))
            .willReturn(errcode(40001)));
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .withQueryParam("access_token", equalTo("T"))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":7}")));

    assertThat(await(sender.send(wechat("oCitizen1", LONG_AGO, "answer"))))
        .isEqualTo(SendOutcome.sent("7"));
    wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
  }

  @Test
  void aTimeoutAfterTheRequestWasWrittenIsUnknown() {
    wechat.stubFor(
        post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":0}").withFixedDelay(1500)));
    WechatTemplateReplySender impatient = new WechatTemplateReplySender(fx.api(300), templates());

    SendOutcome outcome = await(impatient.send(wechat("oCitizen1", LONG_AGO, "answer")));

    assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
    Eventually.await(
        Duration.ofSeconds(5), () -> wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND))));
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    try (WechatApiFixture nowhere = new WechatApiFixture(WechatApiFixture.refusingUrl())) {
      nowhere.cacheToken("T");
      WechatTemplateReplySender refused = new WechatTemplateReplySender(nowhere.api(), templates());

      assertThat(await(refused.send(wechat("oCitizen1", LONG_AGO, "answer"))).status())
          .isEqualTo(Status.RETRY);
    }
  }

  @Test
  void itReachesAnOpenidOnlyWhenTheAccountHasATemplateForTheKind() {
    OutboundMessage noOpenid =
        new OutboundMessage(
            "r",
            "t",
            "n",
            "wechat",
            "city",
            new ReplyAddress(null, null, "u1"),
            LONG_AGO,
            "answer",
            "x",
            Map.of(),
            false);

    assertThat(sender.canReach(wechat("oCitizen1", LONG_AGO, "answer"))).isTrue();
    assertThat(sender.canReach(wechat("oCitizen1", LONG_AGO, "survey"))).isFalse();
    assertThat(sender.canReach(noOpenid)).isFalse();
    assertThat(await(sender.send(wechat("oCitizen1", LONG_AGO, "survey"))).status())
        .isEqualTo(Status.NEXT);
  }
}
