package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.config.WechatAccountConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * access_tokens of the official accounts, shared by every replica through Redis: {@code
 * {prefix}:wechat:token:{account}} with TTL = {@code expires_in} − 5 min. A missing token is
 * fetched by one replica only: it takes {@code {prefix}:wechat:token-lock:{account}} (SET NX PX);
 * the others re-read every {@link #WAIT_STEP_MS} ms until the token appears or the lock expires.
 */
public final class WechatAccessTokens {

  static final long LOCK_MS = 10_000;
  static final long WAIT_STEP_MS = 100;

  /**
   * A token request without an answer by then failed (a reply send must never hang on it). Its
   * failure is described by the exception class only: Vert.x's time-out message holds the URL, and
   * the URL holds the AppSecret.
   */
  static final long FETCH_TIMEOUT_MS = 10_000;

  private static final long EARLY_SECONDS = 300;

  private final Vertx vertx;
  private final WebClient web;
  private final Function<Request, Future<Response>> redis;
  private final String prefix;
  private final Map<String, WechatAccountConfig> accounts;

  /**
   * @param redis sends one command (a pooled client)
   * @param prefix {@code stream.keyPrefix}
   */
  public WechatAccessTokens(
      Vertx vertx,
      WebClient web,
      Function<Request, Future<Response>> redis,
      String prefix,
      Map<String, WechatAccountConfig> accounts) {
    this.vertx = vertx;
    this.web = web;
    this.redis = redis;
    this.prefix = prefix;
    this.accounts = accounts;
  }

  /**
   * The account's current token. Fails with {@link WechatApiException} when WeChat refuses the
   * AppSecret or cannot be reached, or when another replica's fetch did not finish in time.
   */
  public Future<String> token(String account) {
    return redis
        .apply(Request.cmd(Command.GET).arg(key(account)))
        .compose(r -> r != null ? Future.succeededFuture(r.toString()) : refresh(account, 0));
  }

  /** Drops {@code rejected} from the cache (only if it is still the cached token). */
  public Future<Void> invalidate(String account, String rejected) {
    return redis
        .apply(Request.cmd(Command.GET).arg(key(account)))
        .compose(
            r ->
                r != null && r.toString().equals(rejected)
                    ? redis.apply(Request.cmd(Command.DEL).arg(key(account))).mapEmpty()
                    : Future.succeededFuture());
  }

  private Future<String> refresh(String account, long waited) {
    String owner = UUID.randomUUID().toString();
    Request lock =
        Request.cmd(Command.SET).arg(lockKey(account)).arg(owner).arg("NX").arg("PX").arg(LOCK_MS);
    return redis
        .apply(lock)
        .compose(
            r ->
                r != null
                    ? cachedOrFetch(account)
                        .eventually(
                            () -> redis.apply(Request.cmd(Command.DEL).arg(lockKey(account))))
                    : await(account, waited));
  }

  /**
   * Under the lock, read the cache once more: another replica may have stored a token between our
   * first read and our lock (it released the lock right after), and fetching again would waste the
   * daily token quota and invalidate the token the other replicas just cached.
   */
  private Future<String> cachedOrFetch(String account) {
    return redis
        .apply(Request.cmd(Command.GET).arg(key(account)))
        .compose(r -> r != null ? Future.succeededFuture(r.toString()) : fetch(account));
  }

  private Future<String> await(String account, long waited) {
    if (waited >= LOCK_MS) {
      return Future.failedFuture(
          WechatApiException.unavailable("another replica's token fetch did not finish"));
    }
    return vertx
        .timer(WAIT_STEP_MS)
        .compose(v -> redis.apply(Request.cmd(Command.GET).arg(key(account))))
        .compose(
            r ->
                r != null
                    ? Future.succeededFuture(r.toString())
                    : refresh(account, waited + WAIT_STEP_MS));
  }

  private Future<String> fetch(String account) {
    WechatAccountConfig a = accounts.get(account);
    if (a == null) {
      return Future.failedFuture(WechatApiException.unavailable("unknown account " + account));
    }
    return web.getAbs(a.apiBaseUrl() + "/cgi-bin/token")
        .addQueryParam("grant_type", "client_credential")
        .addQueryParam("appid", a.appId())
        .addQueryParam("secret", a.appSecret().reveal())
        .timeout(FETCH_TIMEOUT_MS)
        .send()
        .recover(
            e ->
                Future.failedFuture(
                    WechatApiException.unavailable(
                        "token request failed: " + e.getClass().getSimpleName())))
        .compose(r -> store(account, WechatAccessTokens.json(r, "token")));
  }

  private Future<String> store(String account, JsonObject body) {
    String token = body.getString("access_token");
    if (token == null) {
      return Future.failedFuture(WechatApiException.unavailable("token answer without a token"));
    }
    long ttl = Math.max(60, body.getLong("expires_in", 7200L) - EARLY_SECONDS);
    return redis
        .apply(Request.cmd(Command.SET).arg(key(account)).arg(token).arg("EX").arg(ttl))
        .map(token);
  }

  /**
   * The JSON body of a WeChat answer; a non-2xx status or a non-zero {@code errcode} throws {@link
   * WechatApiException}.
   */
  static JsonObject json(HttpResponse<?> r, String what) {
    if (r.statusCode() / 100 != 2) {
      throw WechatApiException.unavailable(what + ": HTTP " + r.statusCode());
    }
    JsonObject body;
    try {
      body = r.bodyAsJsonObject();
    } catch (RuntimeException e) {
      throw WechatApiException.unavailable(what + ": not JSON");
    }
    int errcode = body == null ? 0 : body.getInteger("errcode", 0);
    if (body == null || errcode != 0) {
      throw body == null
          ? WechatApiException.unavailable(what + ": empty answer")
          : WechatApiException.of(errcode, what);
    }
    return body;
  }

  String key(String account) {
    return prefix + ":wechat:token:" + account;
  }

  private String lockKey(String account) {
    return prefix + ":wechat:token-lock:" + account;
  }
}
