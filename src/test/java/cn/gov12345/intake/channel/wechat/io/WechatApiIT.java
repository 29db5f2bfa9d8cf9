package cn.gov12345.intake.channel.wechat.io;

import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.await;
import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.errcode;
import static cn.gov12345.intake.channel.wechat.io.WechatApiFixture.tokenAnswers;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestRedis;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WechatApiIT {

  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  WechatApiFixture fx;

  @BeforeEach
  void setUp() {
    fx = new WechatApiFixture(wechat);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void theTokenIsFetchedOnceAndSharedByEveryReplicaUntilShortlyBeforeItExpires() {
    wechat.stubFor(
        WechatApiFixture.tokenRequest()
            .willReturn(okJson(WechatApiFixture.tokenJson("TOKEN-1")).withFixedDelay(300)));
    WechatAccessTokens replicaA = fx.tokens();
    WechatAccessTokens replicaB = fx.tokens();

    List<String> tokens =
        await(
            Future.all(replicaA.token("city"), replicaB.token("city"), replicaB.token("city"))
                .map(c -> c.<String>list()));

    assertThat(tokens).containsOnly("TOKEN-1");
    assertThat(await(replicaA.token("city"))).isEqualTo("TOKEN-1");
    wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    long ttl = TestRedis.call(Command.TTL, fx.prefix + ":wechat:token:city").toLong();
    assertThat(ttl).isBetween(6800L, 6900L);
  }

  @Test
  void anExpiredTokenIsDroppedRefreshedAndTheCallRetriedOnce() {
    TestRedis.call(Command.SET, fx.prefix + ":wechat:token:city", "STALE");
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .withQueryParam("access_token", equalTo("STALE"))
            .willReturn(errcode(40001)));
    wechat.stubFor(tokenAnswers("FRESH"));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .withQueryParam("access_token", equalTo("FRESH"))
            .withQueryParam("media_id", equalTo("m1"))
            .willReturn(aResponse().withHeader("Content-Type", "image/gif").withBody(JPEG)));

    WechatMedia media = await(fx.api().media("city", "m1"));

    assertThat(media.bytes().getBytes()).isEqualTo(JPEG);
    assertThat(media.declaredType()).isEqualTo("image/gif");
    wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    assertThat(TestRedis.call(Command.GET, fx.prefix + ":wechat:token:city").toString())
        .isEqualTo("FRESH");
  }

  @Test
  void aVideoAnswersJsonWithAVideoUrlThatIsDownloadedNext() {
    wechat.stubFor(tokenAnswers("T"));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .willReturn(okJson("{\"video_url\":\"" + wechat.baseUrl() + "/video/v1.mp4\"}")));
    wechat.stubFor(
        get(urlPathEqualTo("/video/v1.mp4"))
            .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(JPEG)));

    assertThat(await(fx.api().media("city", "v1")).bytes().getBytes()).isEqualTo(JPEG);
  }

  @Test
  void errcodesHttpFailuresAndUnknownAccountsAreTypedFailures() {
    wechat.stubFor(tokenAnswers("T"));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .withQueryParam("media_id", equalTo("gone"))
            .willReturn(errcode(40007)));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .withQueryParam("media_id", equalTo("busy"))
            .willReturn(aResponse().withStatus(503)));
    WechatApi api = fx.api();

    WechatApiException gone = failure(api.media("city", "gone"));
    assertThat(gone.error()).isEqualTo(WechatError.MEDIA_EXPIRED);
    assertThat(gone.code()).isEqualTo("wechat_40007");
    WechatApiException busy = failure(api.media("city", "busy"));
    assertThat(busy.error()).isEqualTo(WechatError.UNAVAILABLE);
    assertThat(busy.code()).isEqualTo("unavailable");
    assertThat(failure(api.media("nowhere", "x")).error()).isEqualTo(WechatError.UNAVAILABLE);
  }

  @Test
  void aRefusedAppSecretIsAPermanentFailureAndCachesNothing() {
    wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(errcode(40125)));

    WechatApiException e = failure(fx.tokens().token("city"));

    assertThat(e.error()).isEqualTo(WechatError.REJECTED);
    assertThat(e.error().transientFailure()).isFalse();
    assertThat(TestRedis.keys(fx.prefix)).isEmpty();
  }

  @Test
  void aVideoUrlOrRedirectOffTheApiHostIsRefusedPermanentlyAndNeverRequested() {
    String internal = "http://127.0.0.1:" + wechat.getPort();
    wechat.stubFor(tokenAnswers("T"));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .withQueryParam("media_id", equalTo("v-elsewhere"))
            .willReturn(okJson("{\"video_url\":\"" + internal + "/internal/v.mp4\"}")));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .withQueryParam("media_id", equalTo("moved"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", internal + "/internal/p.jpg")));
    wechat.stubFor(get(urlPathEqualTo("/internal/v.mp4")).willReturn(aResponse().withBody(JPEG)));
    wechat.stubFor(get(urlPathEqualTo("/internal/p.jpg")).willReturn(aResponse().withBody(JPEG)));
    WechatApi api = fx.api();

    WechatApiException video = failure(api.media("city", "v-elsewhere"));
    assertThat(video.code()).isEqualTo("url_refused");
    assertThat(video.error().transientFailure()).isFalse();
    assertThat(failure(api.media("city", "moved")).code()).isEqualTo("redirect_refused");
    wechat.verify(0, getRequestedFor(urlPathEqualTo("/internal/v.mp4")));
    wechat.verify(0, getRequestedFor(urlPathEqualTo("/internal/p.jpg")));
  }

  @Test
  void aVideoUrlOnTheCloudMetadataAddressIsRefusedEvenUnderAConfiguredPrefix() {
    wechat.stubFor(tokenAnswers("T"));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/media/get"))
            .willReturn(
                okJson("{\"video_url\":\"http://169.254.169.254/latest/meta-data/iam/\"}")));
    WechatApi api =
        fx.api(
            new cn.gov12345.intake.config.OutboundConfig(false, List.of("localhost"), null, null),
            List.of("http://169.254.169.254/"));

    assertThat(failure(api.media("city", "v-metadata")).code()).isEqualTo("address_refused");
  }

  @Test
  void aSendThatCannotConnectIsUnreachableAndOneWithoutAnAnswerIsNoAnswerBothTyped() {
    wechat.stubFor(tokenAnswers("T"));
    wechat.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo("/cgi-bin/message/custom/send"))
            .willReturn(okJson("{\"errcode\":0}").withFixedDelay(1500)));
    WechatApiException noAnswer = failure(fx.api(300).sendText("city", "o1", "hi"));
    WechatApiException dropped;
    wechat.resetAll();
    wechat.stubFor(tokenAnswers("T"));
    wechat.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo("/cgi-bin/message/template/send"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    dropped =
        failure(
            fx.api()
                .sendTemplate(
                    "city", new TemplateMessage("o1", "t1", null, "r1", java.util.Map.of())));
    WechatApiException unreachable;
    try (WechatApiFixture nowhere = new WechatApiFixture(WechatApiFixture.refusingUrl())) {
      nowhere.cacheToken("T");
      unreachable = failure(nowhere.api().sendText("city", "o1", "hi"));
    }

    assertThat(noAnswer.error()).isEqualTo(WechatError.NO_ANSWER);
    assertThat(noAnswer.code()).isEqualTo("no_answer");
    assertThat(dropped.error()).isEqualTo(WechatError.NO_ANSWER);
    assertThat(unreachable.error()).isEqualTo(WechatError.UNREACHABLE);
    assertThat(unreachable.code()).isEqualTo("unreachable");
    assertThat(noAnswer.getMessage() + dropped.getMessage() + unreachable.getMessage())
        .doesNotContain("access_token");
  }

  static WechatApiException failure(Future<?> f) {
    return catchThrowableOfType(WechatApiException.class, () -> await(f));
  }
}
