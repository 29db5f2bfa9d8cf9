package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.channel.wechat.WechatAnswer;
import cn.gov12345.intake.channel.wechat.WechatChannel;
import cn.gov12345.intake.channel.wechat.WechatQuery;
import cn.gov12345.intake.channel.wechat.WechatRequest;
import cn.gov12345.intake.channel.wechat.io.WechatMediaScheduler;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.pipeline.ConversationPipeline;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.stream.ConversationResult;
import cn.gov12345.intake.stream.RedisConversationStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * {@code GET|POST /channels/wechat/{account}}: the HTTP side of {@link WechatChannel}. GET is the
 * URL verification; POST is a message push, answered ({@code success} or the passive reply) only
 * after the conversation script confirmed the append. A store that does not confirm answers 503, so
 * WeChat retries.
 */
public final class WechatRoutes {

  public static final String PATH = "/channels/wechat/:account";

  private final WechatChannel channel;
  private final ConversationPipeline pipeline;
  private final IntakeMetrics metrics;

  public WechatRoutes(WechatChannel channel, ConversationPipeline pipeline, IntakeMetrics metrics) {
    this.channel = channel;
    this.pipeline = pipeline;
    this.metrics = metrics;
  }

  /** The routes of one event loop, appending through its pipelined Redis connection. */
  public static WechatRoutes create(
      Services services, IntakePipeline intake, Function<Request, Future<Response>> redis) {
    RedisConversationStore store =
        new RedisConversationStore(
            services.keys(),
            services.config().stream().dedupTtl(),
            services.config().status().retention(),
            redis,
            services.metrics());
    ConversationPipeline pipeline =
        new ConversationPipeline(
            intake,
            services.keys(),
            services.events(),
            store,
            services.ids(),
            new WechatMediaScheduler(services.keys()));
    return new WechatRoutes(services.wechat(), pipeline, services.metrics());
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::verify);
    // the preamble refuses unknown accounts and oversized bodies before any byte is read
    router.post(PATH).handler(this::preamble);
    router
        .post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(channel.maxBodyBytes()))
        .handler(this::accept);
  }

  private void verify(RoutingContext ctx) {
    ctx.put(FailureHandler.CHANNEL, WechatChannel.NAME);
    String echo = channel.verifyUrl(ctx.pathParam("account"), query(ctx.request()));
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo);
  }

  private void preamble(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.put(FailureHandler.CHANNEL, WechatChannel.NAME);
    ctx.addEndHandler(v -> metrics.request(WechatChannel.NAME, System.nanoTime() - started));
    channel.checkAccount(ctx.pathParam("account"));
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && ChannelDoor.isLongerThan(length, channel.maxBodyBytes())) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE,
          "The body is larger than " + channel.maxBodyBytes() + " bytes.");
    }
    ctx.next();
  }

  private void accept(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    WechatRequest request =
        channel.accept(
            ctx.pathParam("account"),
            query(ctx.request()),
            body == null ? new byte[0] : body.getBytes());
    pipeline
        .accept(request.inbound(), channel.conversationWindow())
        .onSuccess(result -> answer(ctx, request, result))
        .onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, WechatRequest request, ConversationResult result) {
    if (result.result().duplicate()) {
      metrics.duplicate(WechatChannel.NAME);
    } else {
      metrics.accepted(WechatChannel.NAME);
    }
    WechatAnswer answer =
        channel.answer(
            request,
            result.result().messageId(),
            result.opened() ? result.result().trackingNumber() : null);
    ctx.response().putHeader("Content-Type", answer.contentType()).end(answer.body());
  }

  private static WechatQuery query(HttpServerRequest r) {
    return new WechatQuery(
        r.getParam(WechatQuery.SIGNATURE),
        r.getParam(WechatQuery.TIMESTAMP),
        r.getParam(WechatQuery.NONCE),
        r.getParam(WechatQuery.ECHOSTR),
        r.getParam(WechatQuery.ENCRYPT_TYPE),
        r.getParam(WechatQuery.MSG_SIGNATURE));
  }
}
