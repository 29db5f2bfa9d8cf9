package cn.gov12345.intake.channel.wechat.io;

import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.await;
import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.errcode;
import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.tokenAnswers;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerServiceSenderIT {

  static final String SEND = "/cgi-bin/message/custom/send";

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  WechatApiFixture fx;
  CustomerServiceSender sender;

  @BeforeEach
  void setUp() {
    fx = new WechatApiFixture(wechat);
    sender = new WechatCustomerServiceSender(fx.api());
    wechat.stubFor(tokenAnswers("T"));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void aTextIsPostedToTheOpenidWithTheSharedToken() {
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .withQueryParam("access_token", equalTo("T"))
            .withRequestBody(
                equalToJson(
                    "{\"touser\":\"oCitizen1\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"您的诉求已受理，编号 261126000000015\"}}"))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

    SendResult result = await(sender.sendText("city", "oCitizen1", "您的诉求已受理，编号 261126000000015"));

    assertThat(result).isEqualTo(SendResult.sent());
    wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND)));
  }

  @ParameterizedTest
  @CsvSource({
    "45015, REPLY_WINDOW_CLOSED",
    "45047, QUOTA_EXCEEDED",
    "40003, INVALID_OPENID",
    "-1, UNAVAILABLE",
    "43004, REJECTED"
  })
  void weChatErrcodesBecomeTypedResults(int code, SendResult.Outcome outcome) {
    wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(errcode(code)));

    SendResult result = await(sender.sendText("city", "oCitizen1", "hi"));

    assertThat(result).isEqualTo(new SendResult(outcome, code));
    wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND)));
  }

  @Test
  void aTokenRejectedTwiceIsRefreshedOnceThenUnavailable() {
    wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(errcode(42001)));

    SendResult result = await(sender.sendText("city", "oCitizen1", "hi"));

    assertThat(result.outcome()).isEqualTo(SendResult.Outcome.UNAVAILABLE);
    assertThat(result.errcode()).isEqualTo(42001);
    wechat.verify(2, postRequestedFor(urlPathEqualTo(SEND)));
    wechat.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
  }

  @Test
  void anUnreachableApiOrUnknownAccountIsUnavailableNotAnException() {
    assertThat(await(sender.sendText("nowhere", "oCitizen1", "hi")).outcome())
        .isEqualTo(SendResult.Outcome.UNAVAILABLE);
    assertThat(SendResult.of(new IllegalStateException("boom")).outcome())
        .isEqualTo(SendResult.Outcome.UNAVAILABLE);
  }
}
