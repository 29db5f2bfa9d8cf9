package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.channel.app.io.AppAuthenticator;
import cn.gov12345.intake.channel.app.io.AppSubmissions;
import cn.gov12345.intake.channel.app.io.RedisIdempotencyStore;
import cn.gov12345.intake.channel.app.io.Submitted;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.pipeline.IntakePipeline;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * The mobile app's API under {@code /channels/app/v1}: {@code POST submissions} (JWT, then
 * Idempotency-Key and body, then {@link AppSubmissions}) and the OpenAPI document that describes
 * it. Content type and declared length are checked before the body is read.
 */
public final class AppRoutes {

  public static final String BASE = "/channels/app/v1";
  static final String SUBMISSIONS = BASE + "/submissions";

  private final AppChannel channel;
  private final AppAuthenticator authenticator;
  private final AppSubmissions submissions;
  private final IntakeMetrics metrics;

  public AppRoutes(
      AppChannel channel,
      AppAuthenticator authenticator,
      AppSubmissions submissions,
      IntakeMetrics metrics) {
    this.channel = channel;
    this.authenticator = authenticator;
    this.submissions = submissions;
    this.metrics = metrics;
  }

  /**
   * The routes of one event loop, with its pipelined Redis connection.
   *
   * @param authenticator the event loop's app authenticator (shared with the upload routes)
   */
  public static AppRoutes create(
      Services services,
      IntakePipeline pipeline,
      Function<Request, Future<Response>> redis,
      AppAuthenticator authenticator) {
    var config = services.config();
    AppSubmissions submissions =
        new AppSubmissions(
            services.app(),
            new RedisIdempotencyStore(
                services.keys(),
                config.stream().dedupTtl(),
                config.channels().app().idempotencyLock(),
                redis),
            new RedisMediaRegistry(config.stream().keyPrefix(), redis, services.clock()),
            pipeline,
            services.queryCodes());
    return new AppRoutes(services.app(), authenticator, submissions, services.metrics());
  }

  public void mount(Router router) {
    router.post(SUBMISSIONS).handler(this::preamble);
    router
        .post(SUBMISSIONS)
        .handler(BodyHandler.create(false).setBodyLimit(channel.maxBodyBytes()))
        .handler(this::submit);
    OpenApiDocument document = OpenApiDocument.load();
    router.get(BASE + "/openapi.yaml").handler(ctx -> document.sendYaml(ctx));
    router.get(BASE + "/openapi.json").handler(ctx -> document.sendJson(ctx));
  }

  private void preamble(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.put(FailureHandler.CHANNEL, AppChannel.NAME);
    ctx.addEndHandler(v -> metrics.request(AppChannel.NAME, System.nanoTime() - started));
    channel.checkContentType(ctx.request().getHeader("Content-Type"));
    BodyLimit.check(ctx.request(), channel.maxBodyBytes());
    ctx.next();
  }

  private void submit(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    String key = request.getHeader(AppChannel.IDEMPOTENCY_KEY);
    authenticator
        .authenticate(request.getHeader("Authorization"))
        .compose(user -> submissions.submit(user, channel.read(key, bytes)))
        .onSuccess(submitted -> answer(ctx, submitted))
        .onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, Submitted s) {
    if (s.replayed()) {
      metrics.duplicate(AppChannel.NAME);
      ctx.response().putHeader("Idempotent-Replayed", "true");
    } else {
      metrics.accepted(AppChannel.NAME);
    }
    JsonObject body =
        new JsonObject()
            .put("status", "accepted")
            .put("ticketId", s.ids().ticketId())
            .put("trackingNumber", s.ids().trackingNumber())
            .put("queryCode", s.queryCode())
            .put("messageId", s.ids().messageId());
    ctx.response()
        .setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
