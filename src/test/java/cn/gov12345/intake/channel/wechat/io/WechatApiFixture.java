package cn.gov12345.intake.channel.wechat.io;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import cn.gov12345.intake.config.OutboundConfig;
import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.WechatAccountConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.outbound.HttpExchange;
import cn.gov12345.intake.support.TestRedis;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WeChat API client against a WireMock stand-in and the test Redis, on a fresh key prefix. */
final class WechatApiFixture implements AutoCloseable {

  static final String APP_ID = "wxapitest0000001";
  static final String APP_SECRET = "test-only-app-secret";

  final Vertx vertx = Vertx.vertx();
  final Redis redis = Redis.createClient(vertx, TestRedis.url());
  final String prefix = TestRedis.freshPrefix();
  final IntakeMetrics metrics = new IntakeMetrics();
  final Map<String, WechatAccountConfig> accounts;

  WechatApiFixture(WireMockExtension wechat) {
    this(wechat.baseUrl());
  }

  /** Account {@code city} with its API at {@code apiBaseUrl} (e.g. a port nobody listens on). */
  WechatApiFixture(String apiBaseUrl) {
    accounts =
        Map.of(
            "city",
            new WechatAccountConfig(
                Secret.of("pamtest"),
                APP_ID,
                Secret.of(""),
                Secret.of(APP_SECRET),
                "plaintext",
                apiBaseUrl,
                ""));
  }

  /** Caches {@code token} for account {@code city}, as another replica would have. */
  void cacheToken(String token) {
    TestRedis.call(io.vertx.redis.client.Command.SET, prefix + ":wechat:token:city", token);
  }

  /** The API with a send time-out of {@code sendTimeoutMs}. */
  WechatApi api(long sendTimeoutMs) {
    return new WechatApi(
        new HttpExchange(vertx.createHttpClient()),
        new GuardedFetcher(
            vertx, new OutboundConfig(false, List.of("localhost"), null, null), metrics),
        tokens(),
        new WechatChannelConfig(0, null, null, accounts, null, List.of()),
        sendTimeoutMs);
  }

  /** A URL on a local port nobody listens on: connections are refused. */
  static String refusingUrl() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new replica's token cache (its own HTTP client), sharing Redis and the prefix. */
  WechatAccessTokens tokens() {
    return new WechatAccessTokens(vertx, WebClient.create(vertx), redis::send, prefix, accounts);
  }

  WechatApi api() {
    return api(new OutboundConfig(false, List.of("localhost"), null, null), List.of());
  }

  /** The API under an outbound policy, with extra media URL prefixes. */
  WechatApi api(OutboundConfig outbound, List<String> mediaUrlPrefixes) {
    return new WechatApi(
        new HttpExchange(vertx.createHttpClient()),
        new GuardedFetcher(vertx, outbound, metrics),
        tokens(),
        new WechatChannelConfig(0, null, null, accounts, null, mediaUrlPrefixes));
  }

  /** A token request with the account's credentials. */
  static MappingBuilder tokenRequest() {
    return get(urlPathEqualTo("/cgi-bin/token"))
        .withQueryParam("grant_type", equalTo("client_credential"))
        .withQueryParam("appid", equalTo(APP_ID))
        .withQueryParam("secret", equalTo(APP_SECRET));
  }

  /** The token endpoint answering {@code token}, valid 2 h. */
  static MappingBuilder tokenAnswers(String token) {
    return tokenRequest().willReturn(okJson(tokenJson(token)));
  }

  static String tokenJson(String token) {
    return "{\"access_token\":\"" + token + "\",\"expires_in\":7200}";
  }

  static ResponseDefinitionBuilder errcode(int code) {
    return aResponse()
        .withHeader("Content-Type", "application/json; encoding=utf-8")
        .withBody("{\"errcode\":" + code + ",\"errmsg\":\"test\"}");
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close();
  }
}
