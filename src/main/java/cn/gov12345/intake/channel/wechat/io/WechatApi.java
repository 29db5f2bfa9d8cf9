package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.config.WechatAccountConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.fetch.FetchRefusedException;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.fetch.GuardedFetcher.Fetched;
import cn.gov12345.intake.outbound.ExchangeException;
import cn.gov12345.intake.outbound.HttpExchange;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The WeChat official-account API the gateway calls: temporary media download, customer-service and
 * template messages. Every call carries the account's shared access_token ({@link
 * WechatAccessTokens}); an answer saying the token is invalid or expired (40001, 40014, 42001)
 * drops it, fetches a new one and retries once. Failures are {@link WechatApiException}s. Media
 * downloads go through the {@link GuardedFetcher} under the account's media URL prefixes ({@code
 * apiBaseUrl}, then {@code channels.wechat.mediaUrlPrefixes}): a {@code video_url} or redirect
 * elsewhere is refused.
 */
public final class WechatApi {

  /** How long a message send waits for WeChat (connect, then the answer) by default. */
  public static final long SEND_TIMEOUT_MS = 10_000;

  private static final long TIMEOUT_MS = 30_000;
  private static final long MAX_MEDIA_BYTES = 64L * 1024 * 1024;
  private static final Map<String, String> JSON_HEADERS =
      Map.of(
          "Content-Type", "application/json; charset=utf-8", "User-Agent", "12345-intake-gateway");

  private final HttpExchange http;
  private final long sendTimeoutMs;
  private final GuardedFetcher fetcher;
  private final WechatAccessTokens tokens;
  private final WechatChannelConfig config;
  private final Map<String, WechatAccountConfig> accounts;

  public WechatApi(
      HttpExchange http,
      GuardedFetcher fetcher,
      WechatAccessTokens tokens,
      WechatChannelConfig config) {
    this(http, fetcher, tokens, config, SEND_TIMEOUT_MS);
  }

  /**
   * @param sendTimeoutMs how long a message send waits to connect, then for the answer
   */
  public WechatApi(
      HttpExchange http,
      GuardedFetcher fetcher,
      WechatAccessTokens tokens,
      WechatChannelConfig config,
      long sendTimeoutMs) {
    this.http = http;
    this.sendTimeoutMs = sendTimeoutMs;
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
   * Sends a customer-service text message ({@code cgi-bin/message/custom/send}, body {@code
   * {"touser", "msgtype": "text", "text": {"content"}}}, as documented in 发送客服消息,
   * https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage).
   *
   * @return succeeds when WeChat answered errcode 0; fails with {@link WechatApiException}: the
   *     errcode, {@link WechatError#UNREACHABLE} (no connection: nothing sent) or {@link
   *     WechatError#NO_ANSWER} (written, no answer in time: it may have been delivered)
   */
  public Future<Void> sendText(String account, String openid, String content) {
    JsonObject body =
        new JsonObject()
            .put("touser", openid)
            .put("msgtype", "text")
            .put("text", new JsonObject().put("content", content));
    return post(account, "message/custom/send", body).mapEmpty();
  }

  /**
   * Sends a template message ({@code cgi-bin/message/template/send}, as documented in 发送模板消息,
   * https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html
   * and
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html):
   * {@code {"touser", "template_id", "url"?, "client_msg_id", "data": {key: {"value"}}}}. {@code
   * client_msg_id} makes WeChat send one message per openid and id (within 10 minutes).
   *
   * @param url the page the message opens, or null for none
   * @return WeChat's {@code msgid}; fails like {@link #sendText}
   */
  public Future<String> sendTemplate(String account, TemplateMessage message) {
    return post(account, "message/template/send", message.toJson())
        .map(answer -> String.valueOf(answer.getValue("msgid", "")));
  }

  /** Whether {@code account} is a configured official account. */
  public boolean knows(String account) {
    return accounts.containsKey(account);
  }

  /**
   * POSTs JSON to {@code cgi-bin/<path>} with the shared token (refreshed and retried once when
   * refused: the refusal means nothing was sent).
   */
  private Future<JsonObject> post(String account, String path, JsonObject body) {
    Buffer bytes = body.toBuffer();
    return withToken(
        account,
        token ->
            http.post(
                    base(account) + "/cgi-bin/" + path + "?access_token=" + encode(token),
                    JSON_HEADERS,
                    bytes,
                    sendTimeoutMs)
                .recover(e -> Future.failedFuture(unanswered(e, path)))
                .map(r -> answer(r, path)));
  }

  private static JsonObject answer(HttpExchange.Answer r, String what) {
    if (!r.ok()) {
      throw WechatApiException.unavailable(what + ": HTTP " + r.status());
    }
    JsonObject body;
    try {
      body = r.body().toJsonObject();
    } catch (RuntimeException e) {
      throw WechatApiException.unavailable(what + ": not JSON");
    }
    int errcode;
    try {
      errcode = body == null ? 0 : body.getInteger("errcode", 0);
    } catch (ClassCastException e) {
      throw WechatApiException.unavailable(what + ": errcode is not a number");
    }
    if (body == null) {
      throw WechatApiException.unavailable(what + ": empty answer");
    }
    if (errcode != 0) {
      throw WechatApiException.of(errcode, what);
    }
    return body;
  }

  private static Throwable unanswered(Throwable e, String what) {
    return e instanceof ExchangeException x
        ? WechatApiException.of(x, what)
        : WechatApiException.of(new ExchangeException(ExchangeException.Phase.NO_ANSWER, e), what);
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
}
