package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.channel.telephony.TelephonyChannel;
import cn.gov12345.intake.channel.telephony.TelephonyRequest;
import cn.gov12345.intake.channel.telephony.TwilioSignature;
import cn.gov12345.intake.channel.telephony.io.CallOutcome;
import cn.gov12345.intake.channel.telephony.io.CallSteps;
import cn.gov12345.intake.channel.telephony.io.RedisCallStore;
import cn.gov12345.intake.channel.telephony.io.TelephonyKeys;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.signing.StandardWebhooks;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/telephony/twilio/{account}/{hook}}, {@code /cti/{source}} and {@code
 * /zammad/{integration}/{token}}: the HTTP side of {@link TelephonyChannel}. Every event is
 * answered after {@code call.lua} recorded it; a store that does not confirm answers 503 — except
 * Twilio's incoming-call webhook, which always gets its TwiML (a caller must never hear an
 * application error; the call's later callbacks rebuild it).
 */
public final class TelephonyRoutes {

  public static final String BASE = "/channels/telephony";
  static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private static final Logger LOG = LoggerFactory.getLogger(TelephonyRoutes.class);

  private final TelephonyChannel channel;
  private final CallSteps steps;
  private final RedisCallStore store;
  private final IntakeMetrics metrics;

  public TelephonyRoutes(
      TelephonyChannel channel, CallSteps steps, RedisCallStore store, IntakeMetrics metrics) {
    this.channel = channel;
    this.steps = steps;
    this.store = store;
    this.metrics = metrics;
  }

  /** The routes of one event loop, recording through its pipelined Redis connection. */
  public static TelephonyRoutes create(
      Services services, Function<Request, Future<Response>> redis) {
    TelephonyKeys keys = new TelephonyKeys(services.config().stream().keyPrefix(), services.keys());
    var config = services.config().channels().telephony();
    RedisCallStore store =
        new RedisCallStore(
            keys,
            redis,
            services.ids(),
            services.clock(),
            services.metrics(),
            services.config().stream().dedupTtl(),
            config.callTimeout(),
            config.callbackWindow(),
            services.config().status().retention());
    CallSteps steps =
        new CallSteps(
            services.pseudonymizer(), services.sealer(), services.events(), keys, services.ids());
    return new TelephonyRoutes(services.telephony(), steps, store, services.metrics());
  }

  public void mount(Router router) {
    mount(router, BASE + "/twilio/:name/:hook", "twilio", this::twilio);
    mount(router, BASE + "/cti/:name", "cti", this::cti);
    mount(router, BASE + "/zammad/:name/:token", "zammad", this::zammad);
  }

  private void mount(
      Router router, String path, String vendor, io.vertx.core.Handler<RoutingContext> accept) {
    router.post(path).handler(ctx -> preamble(ctx, vendor));
    router
        .post(path)
        .handler(BodyHandler.create(false).setBodyLimit(channel.maxBodyBytes()))
        .handler(accept);
  }

  private void preamble(RoutingContext ctx, String vendor) {
    long started = System.nanoTime();
    ctx.put(FailureHandler.CHANNEL, TelephonyChannel.NAME);
    ctx.addEndHandler(v -> metrics.request(TelephonyChannel.NAME, System.nanoTime() - started));
    channel.checkIntegration(vendor, ctx.pathParam("name"), ctx.pathParam("hook"));
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && ChannelDoor.isLongerThan(length, channel.maxBodyBytes())) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE,
          "The body is larger than " + channel.maxBodyBytes() + " bytes.");
    }
    ctx.next();
  }

  private void twilio(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    TelephonyRequest request =
        channel.twilio(
            ctx.pathParam("name"),
            ctx.pathParam("hook"),
            r.uri(),
            r.getHeader(TwilioSignature.HEADER),
            body(ctx));
    String twiml = request.twiml() == null ? EMPTY_TWIML : request.twiml();
    Future<CallOutcome> recorded = record(request);
    if (request.twiml() != null) {
      recorded = recorded.recover(e -> keepTheCallerOnTheLine(ctx, e));
    }
    recorded
        .onSuccess(
            o -> ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(twiml))
        .onFailure(ctx::fail);
  }

  private Future<CallOutcome> keepTheCallerOnTheLine(RoutingContext ctx, Throwable e) {
    LOG.warn(
        "[{}] incoming call not recorded ({}); answering its TwiML anyway",
        Correlation.of(ctx),
        e.toString());
    return Future.succeededFuture(new CallOutcome(false, "", "", "", ""));
  }

  private void cti(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    TelephonyRequest request =
        channel.cti(
            ctx.pathParam("name"),
            r.getHeader(StandardWebhooks.HEADER_ID),
            r.getHeader(StandardWebhooks.HEADER_TIMESTAMP),
            r.getHeader(StandardWebhooks.HEADER_SIGNATURE),
            body(ctx));
    record(request).onSuccess(o -> json(ctx, request, o, true)).onFailure(ctx::fail);
  }

  private void zammad(RoutingContext ctx) {
    TelephonyRequest request =
        channel.zammad(ctx.pathParam("name"), ctx.pathParam("token"), body(ctx));
    record(request).onSuccess(o -> json(ctx, request, o, false)).onFailure(ctx::fail);
  }

  private Future<CallOutcome> record(TelephonyRequest request) {
    // building the step inside the chain: a failure there reaches the TwiML fallback too
    return Future.succeededFuture(request)
        .map(steps::step)
        .compose(store::record)
        .onSuccess(o -> metrics.appended(TelephonyChannel.NAME, o.duplicate()));
  }

  private static void json(
      RoutingContext ctx, TelephonyRequest request, CallOutcome o, boolean accepted202) {
    JsonObject body =
        new JsonObject()
            .put("status", o.duplicate() ? "duplicate" : "accepted")
            .put("callId", request.event().callId());
    putIfSet(body, "state", o.state());
    putIfSet(body, "ticketId", o.ticketId());
    putIfSet(body, "trackingNumber", o.trackingNumber());
    ctx.response()
        .setStatusCode(accepted202 && !o.duplicate() ? 202 : 200)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  private static void putIfSet(JsonObject body, String name, String value) {
    if (!value.isEmpty()) {
      body.put(name, value);
    }
  }

  private static byte[] body(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    return b == null ? new byte[0] : b.getBytes();
  }
}
