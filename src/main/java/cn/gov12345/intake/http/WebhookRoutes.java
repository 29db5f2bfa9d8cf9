package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.webhook.WebhookChannel;
import cn.gov12345.intake.channel.webhook.WebhookHeaders;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.signing.StandardWebhooks;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /channels/webhook/{source}}: the HTTP side of {@link WebhookChannel}. Checks what can
 * be checked before reading (source, content type, declared length), reads the body within the
 * limit, lets the channel verify and parse it, and answers only after the pipeline's append.
 */
public final class WebhookRoutes {

  public static final String PATH = "/channels/webhook/:source";

  private final WebhookChannel channel;
  private final IntakePipeline pipeline;
  private final IntakeMetrics metrics;

  public WebhookRoutes(WebhookChannel channel, IntakePipeline pipeline, IntakeMetrics metrics) {
    this.channel = channel;
    this.pipeline = pipeline;
    this.metrics = metrics;
  }

  public void mount(Router router) {
    // two routes: Vert.x Web runs a route's body handler before its user handlers, and the
    // preamble must refuse unknown sources and wrong content types before any byte is read
    router.post(PATH).handler(this::preamble);
    router
        .post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(channel.maxBodyBytes()))
        .handler(this::accept);
  }

  private void preamble(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.put(FailureHandler.CHANNEL, WebhookChannel.NAME);
    ctx.addEndHandler(v -> metrics.request(WebhookChannel.NAME, System.nanoTime() - started));
    HttpServerRequest request = ctx.request();
    channel.checkPreamble(ctx.pathParam("source"), request.getHeader("Content-Type"));
    String length = request.getHeader("Content-Length");
    if (length != null && isLongerThan(length, channel.maxBodyBytes())) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE,
          "The body is larger than " + channel.maxBodyBytes() + " bytes.");
    }
    ctx.next();
  }

  private void accept(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    WebhookHeaders headers =
        new WebhookHeaders(
            request.getHeader(StandardWebhooks.HEADER_ID),
            request.getHeader(StandardWebhooks.HEADER_TIMESTAMP),
            request.getHeader(StandardWebhooks.HEADER_SIGNATURE));
    io.vertx.core.buffer.Buffer body = ctx.body().buffer();
    Inbound inbound =
        channel.accept(
            ctx.pathParam("source"), headers, body == null ? new byte[0] : body.getBytes());
    pipeline
        .accept(inbound)
        .onSuccess(
            result -> {
              if (result.duplicate()) {
                metrics.duplicate(WebhookChannel.NAME);
              } else {
                metrics.accepted(WebhookChannel.NAME);
              }
              AcceptedResponse.send(ctx, result);
            })
        .onFailure(ctx::fail);
  }

  /**
   * Whether a declared Content-Length exceeds a limit (unreadable values are left to the body
   * limit).
   */
  static boolean isLongerThan(String contentLength, int limit) {
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
