package cn.gov12345.intake;

import cn.gov12345.intake.channel.app.io.AppPushReplySender;
import cn.gov12345.intake.channel.sms.io.SmsSender;
import cn.gov12345.intake.channel.wechat.io.WechatAccessTokens;
import cn.gov12345.intake.channel.wechat.io.WechatApi;
import cn.gov12345.intake.channel.wechat.io.WechatCustomReplySender;
import cn.gov12345.intake.channel.wechat.io.WechatTemplateReplySender;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.RepliesConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.delivery.AttemptSenderFactory;
import cn.gov12345.intake.fetch.GuardedFetcher;
import cn.gov12345.intake.outbound.HttpExchange;
import cn.gov12345.intake.ratelimit.RedisRateLimiter;
import cn.gov12345.intake.reply.CallbackTaskSender;
import cn.gov12345.intake.reply.RedisReplyStore;
import cn.gov12345.intake.reply.ReplyChain;
import cn.gov12345.intake.reply.ReplyDispatcher;
import cn.gov12345.intake.reply.ReplyMetrics;
import cn.gov12345.intake.reply.ReplySender;
import cn.gov12345.intake.reply.ReplyTexts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The wiring of replies (docs/replies.md): the built-in {@code replies} delivery destination gets
 * the reply dispatcher as its sender, with one sender adapter per configured vendor and the
 * callback task last.
 */
final class ReplyRegistry {

  private ReplyRegistry() {}

  /** The built-in destinations' senders: none while replies are off. */
  static Map<String, AttemptSenderFactory> builtIn(Services s) {
    RepliesConfig c = s.config().replies();
    if (!c.enabled()) {
      return Map.of();
    }
    ReplyMetrics metrics = new ReplyMetrics(s.metrics().registry());
    AttemptSenderFactory factory =
        (vertx, web, redis) -> {
          RedisReplyStore store =
              new RedisReplyStore(s.keys(), s.config().stream().dedupTtl(), redis);
          List<ReplySender> senders = vendors(s, vertx, web, redis);
          senders.add(new CallbackTaskSender(store, s.sealer(), s.ids(), s.clock()));
          ReplyChain chain =
              new ReplyChain(
                  senders,
                  new ReplyTexts(c),
                  new ReplyChain.ChainSettings(
                      c.chains(),
                      store,
                      s.sealer(),
                      s.queryCodes(),
                      metrics,
                      s.ids(),
                      s.clock(),
                      new RedisRateLimiter(
                          s.config().stream().keyPrefix(),
                          s.config().identity().pseudonymKey().utf8(),
                          redis,
                          s.clock()),
                      c.citizenLimits(),
                      SurveyRegistry.hook(s, redis)));
          return new ReplyDispatcher(c, chain, store, s.ids(), s.clock());
        };
    return Map.of(RepliesConfig.DESTINATION, factory);
  }

  /** One sender per configured vendor: WeChat (when accounts exist), the app backend's push. */
  private static List<ReplySender> vendors(
      Services s, Vertx vertx, WebClient web, Function<Request, Future<Response>> redis) {
    GatewayConfig config = s.config();
    RepliesConfig c = config.replies();
    HttpExchange http =
        new HttpExchange(
            vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(c.maxConcurrency())));
    List<ReplySender> senders = new ArrayList<>();
    WechatChannelConfig wechat = config.channels().wechat();
    if (!wechat.accounts().isEmpty()) {
      WechatApi api =
          new WechatApi(
              http,
              new GuardedFetcher(vertx, config.outbound(), s.metrics()),
              new WechatAccessTokens(
                  vertx, web, redis, config.stream().keyPrefix(), wechat.accounts()),
              wechat,
              c.requestTimeout().toMillis());
      senders.add(new WechatCustomReplySender(api, s.clock()));
      senders.add(new WechatTemplateReplySender(api, c.wechat().templates()));
    }
    if (c.sms() != null) {
      senders.add(SmsSender.create(vertx, c.sms(), s.clock(), c.maxConcurrency()));
    }
    if (c.appPush().enabled()) {
      senders.add(new AppPushReplySender(http, c.appPush(), s.clock()));
    }
    return senders;
  }
}
