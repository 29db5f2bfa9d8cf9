package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.config.WechatAccountConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.function.Function;

/**
 * The WeChat official-account API the gateway calls: temporary media download and customer-service
 * messages. Every call carries the account's shared access_token ({@link WechatAccessTokens}); an
 * answer saying the token is invalid or expired (40001, 40014, 42001) drops it, fetches a new one
 * and retries once. Failures are {@link WechatApiException}s.
 */
public final class WechatApi {

  private static final long TIMEOUT_MS = 30_000;

  private final WebClient web;
  private final WechatAccessTokens tokens;
  private final Map<String, WechatAccountConfig> accounts;

  public WechatApi(
      WebClient web, WechatAccessTokens tokens, Map<String, WechatAccountConfig> accounts) {
    this.web = web;
    this.tokens = tokens;
    this.accounts = accounts;
  }

  /**
   * Downloads a temporary media file ({@code cgi-bin/media/get}). Images and voice come as the
   * body; video as JSON with a {@code video_url} that is downloaded next.
   *
   * @return the bytes; fails with {@link WechatApiException} ({@link WechatError#MEDIA_EXPIRED}
   *     after 3 days, {@link WechatError#UNAVAILABLE} on HTTP or network trouble)
   */
  public Future<WechatMedia> media(String account, String mediaId) {
    return withToken(
        account,
        token ->
            web.getAbs(base(account) + "/cgi-bin/media/get")
                .addQueryParam("access_token", token)
                .addQueryParam("media_id", mediaId)
                .timeout(TIMEOUT_MS)
                .send()
                .recover(WechatApi::unreachable)
                .compose(this::mediaBody));
  }

  /**
   * Sends a customer-service text message ({@code cgi-bin/message/custom/send}).
   *
   * @return succeeds when WeChat answered errcode 0; fails with {@link WechatApiException}
   */
  public Future<Void> sendText(String account, String openid, String content) {
    JsonObject body =
        new JsonObject()
            .put("touser", openid)
            .put("msgtype", "text")
            .put("text", new JsonObject().put("content", content));
    return withToken(
        account,
        token ->
            web.postAbs(base(account) + "/cgi-bin/message/custom/send")
                .addQueryParam("access_token", token)
                .timeout(TIMEOUT_MS)
                .sendJsonObject(body)
                .recover(WechatApi::unreachable)
                .map(r -> WechatAccessTokens.json(r, "message/custom/send"))
                .mapEmpty());
  }

  private <T> Future<T> withToken(String account, Function<String, Future<T>> call) {
    if (!accounts.containsKey(account)) {
      return Future.failedFuture(WechatApiException.unavailable("unknown account " + account));
    }
    return tokens
        .token(account)
        .compose(
            token ->
                call.apply(token)
                    .recover(
                        e ->
                            e instanceof WechatApiException w
                                    && w.error() == WechatError.TOKEN_INVALID
                                ? tokens
                                    .invalidate(account, token)
                                    .compose(v -> tokens.token(account))
                                    .compose(call)
                                : Future.failedFuture(e)));
  }

  private Future<WechatMedia> mediaBody(HttpResponse<Buffer> r) {
    Buffer body = r.body() == null ? Buffer.buffer() : r.body();
    if (r.statusCode() / 100 != 2) {
      throw WechatApiException.unavailable("media/get: HTTP " + r.statusCode());
    }
    if (body.length() == 0 || body.getByte(0) != '{') {
      return Future.succeededFuture(new WechatMedia(body, r.getHeader("Content-Type")));
    }
    JsonObject json = WechatAccessTokens.json(r, "media/get");
    String videoUrl = json.getString("video_url");
    if (videoUrl == null) {
      throw WechatApiException.unavailable("media/get: JSON without video_url");
    }
    return web.getAbs(videoUrl)
        .timeout(TIMEOUT_MS)
        .send()
        .recover(WechatApi::unreachable)
        .map(
            v -> {
              if (v.statusCode() / 100 != 2) {
                throw WechatApiException.unavailable("video download: HTTP " + v.statusCode());
              }
              return new WechatMedia(
                  v.body() == null ? Buffer.buffer() : v.body(), v.getHeader("Content-Type"));
            });
  }

  private String base(String account) {
    return accounts.get(account).apiBaseUrl();
  }

  private static <T> Future<T> unreachable(Throwable e) {
    return Future.failedFuture(WechatApiException.unavailable(String.valueOf(e.getMessage())));
  }
}
