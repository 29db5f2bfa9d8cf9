package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.channel.open311.FormBody;
import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.channel.open311.Open311Format;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.json.ContentTypes;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.status.RedisStatusStore;
import cn.gov12345.intake.status.StatusStore;
import cn.gov12345.intake.stream.AppendResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Open311 GeoReport v2 under {@code /open311/v2/}: {@code services}, {@code POST requests}, {@code
 * GET requests/{id}} and {@code GET requests?service_request_id=…}, each as {@code .json} or {@code
 * .xml}. Errors answer in the GeoReport error array ({@link Open311Failures}); reading requests
 * takes the client's {@code api_key} and shows only that client's requests (see
 * channels/open311/README.md).
 */
public final class Open311Routes {

  public static final String BASE = "/open311/v2";
  private static final List<String> FORMATS = List.of("json", "xml");

  private final Open311Channel channel;
  private final IntakePipeline pipeline;
  private final Open311Requests requests;
  private final QueryCodes codes;
  private final IntakeMetrics metrics;
  private final Open311Failures failures;

  public Open311Routes(
      Open311Channel channel,
      IntakePipeline pipeline,
      StatusStore store,
      QueryCodes codes,
      IntakeMetrics metrics,
      long retryAfterSeconds) {
    this.channel = channel;
    this.pipeline = pipeline;
    this.requests = new Open311Requests(channel, store);
    this.codes = codes;
    this.metrics = metrics;
    this.failures = new Open311Failures(metrics, retryAfterSeconds);
  }

  /** The routes of one event loop, on its pipeline and Redis connection. */
  public static Open311Routes create(
      Services s, IntakePipeline pipeline, Function<Request, Future<Response>> redis) {
    return new Open311Routes(
        s.open311(),
        pipeline,
        new RedisStatusStore(
            s.keys(), s.config().status().retention(), s.config().stream().dedupTtl(), redis),
        s.queryCodes(),
        s.metrics(),
        s.config().redis().retryAfter().toSeconds());
  }

  public void mount(Router router) {
    for (String suffix : FORMATS) {
      Open311Format format = Open311Format.of(suffix);
      on(router.get(BASE + "/services." + suffix), ctx -> services(ctx, format));
      on(router.post(BASE + "/requests." + suffix), this::preamble);
      on(
              router.post(BASE + "/requests." + suffix),
              BodyHandler.create(false).setBodyLimit(channel.maxBodyBytes()))
          .handler(ctx -> create(ctx, format));
      on(router.get(BASE + "/requests." + suffix), ctx -> requests.list(ctx, format));
    }
    on(router.get(BASE + "/requests/:file"), requests::one);
    on(
        router.route(BASE + "/*"),
        ctx -> ctx.fail(new ChannelException(ErrorCode.NOT_FOUND, "No such Open311 resource.")));
  }

  private Route on(Route route, Handler<RoutingContext> handler) {
    return route
        .handler(
            ctx -> {
              ctx.put(FailureHandler.CHANNEL, Open311Channel.NAME);
              handler.handle(ctx);
            })
        .failureHandler(failures);
  }

  private void services(RoutingContext ctx, Open311Format format) {
    ctx.response()
        .putHeader("Content-Type", format.contentType())
        .end(format.write("services", "service", channel.services()));
  }

  private void preamble(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(v -> metrics.request(Open311Channel.NAME, System.nanoTime() - started));
    if (!ContentTypes.isUtf8(
        ctx.request().getHeader("Content-Type"), "application/x-www-form-urlencoded")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send the request as application/x-www-form-urlencoded in UTF-8.");
    }
    RequestBodies.refuseLongerThan(ctx, channel.maxBodyBytes());
    ctx.next();
  }

  private void create(RoutingContext ctx, Open311Format format) {
    FormBody form = FormBody.parse(RequestBodies.body(ctx));
    String client = channel.authenticate(form.single("api_key"));
    Inbound inbound = channel.accept(client, form, ctx.request().getHeader("Idempotency-Key"));
    pipeline
        .accept(inbound)
        .onSuccess(
            result -> {
              metrics.appended(Open311Channel.NAME, result.duplicate());
              ctx.response()
                  .setStatusCode(result.duplicate() ? 200 : 201)
                  .putHeader("Content-Type", format.contentType())
                  .end(format.write("service_requests", "request", List.of(created(result))));
            })
        .onFailure(ctx::fail);
  }

  private Map<String, Object> created(AppendResult result) {
    String number = result.trackingNumber();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("service_request_id", number);
    row.put(
        "service_notice",
        "已受理，受理编号 "
            + number
            + "，查询码 "
            + codes.codeFor(number, result.ticketId())
            + "。凭受理编号和查询码可查询办理进度。");
    row.put("account_id", null);
    return row;
  }
}
