package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.config.WechatAccountConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.fetch.FetchRefusedException;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.fetch.GuardedFetcher.Fetched;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The WeChat official-account API the gateway calls: temporary media download and customer-service
 * messages. Every call carries the account's shared access_token ({@link WechatAccessTokens}); an
 * answer saying the token is invalid or expired (40001, 40014, 42001) drops it, fetches a new one
 * and retries once. Failures are {@link WechatApiException}s. Media downloads go through the {@link
 * GuardedFetcher} under the account's media URL prefixes ({@code apiBaseUrl}, then {@code
 * channels.wechat.mediaUrlPrefixes}): a {@code video_url} or redirect elsewhere is refused.
 */
public final class WechatApi {

  private static final long TIMEOUT_MS = 30_000;
  private static final long MAX_MEDIA_BYTES = 64L * 1024 * 1024;

  private final WebClient web;
  private final GuardedFetcher fetcher;
  private final WechatAccessTokens tokens;
  private final WechatChannelConfig config;
  private final Map<String, WechatAccountConfig> accounts;

  public WechatApi(
      WebClient web,
      GuardedFetcher fetcher,
      WechatAccessTokens tokens,
      WechatChannelConfig config) {
    this.web = web;
    this.fetcher = fetcher;
    this.tokens = tokens;
    this.config = config;
    this.accounts = config.accounts();
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
            fetch(
                    account,
                    base(account)
                        + "/cgi-bin/media/get?access_token="
                        + encode(token)
                        + "&media_id="
                        + encode(mediaId))
                .compose(r -> mediaBody(account, r)));
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

  private Future<WechatMedia> mediaBody(String account, Fetched r) {
    Buffer body = r.body();
    if (r.status() / 100 != 2) {
      throw WechatApiException.unavailable("media/get: HTTP " + r.status());
    }
    if (body.length() == 0 || body.getByte(0) != '{') {
      return Future.succeededFuture(new WechatMedia(body, r.contentType()));
    }
    JsonObject json;
    int errcode;
    try {
      json = new JsonObject(body);
      errcode = json.getInteger("errcode", 0);
    } catch (RuntimeException e) {
      throw WechatApiException.unavailable("media/get: not JSON");
    }
    if (errcode != 0) {
      throw WechatApiException.of(errcode, "media/get");
    }
    String videoUrl = json.getString("video_url");
    if (videoUrl == null) {
      throw WechatApiException.unavailable("media/get: JSON without video_url");
    }
    return fetch(account, videoUrl)
        .map(
            v -> {
              if (v.status() / 100 != 2) {
                throw WechatApiException.unavailable("video download: HTTP " + v.status());
              }
              return new WechatMedia(v.body(), v.contentType());
            });
  }

  private Future<Fetched> fetch(String account, String url) {
    return fetcher
        .get(
            "wechat_media",
            url,
            config.mediaUrlPrefixes(account),
            Map.of(),
            MAX_MEDIA_BYTES,
            TIMEOUT_MS)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof FetchRefusedException r
                        ? WechatApiException.refused(r.reason(), r.getMessage())
                        : WechatApiException.unavailable(String.valueOf(e.getMessage()))));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String base(String account) {
    return accounts.get(account).apiBaseUrl();
  }

  private static <T> Future<T> unreachable(Throwable e) {
    return Future.failedFuture(WechatApiException.unavailable(String.valueOf(e.getMessage())));
  }
}
