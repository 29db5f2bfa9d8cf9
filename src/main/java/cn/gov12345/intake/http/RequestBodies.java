package cn.gov12345.intake.http;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.ContentTypes;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The checks the JSON API and Open311 endpoints make before reading a body (content type, declared
 * length) and the body bytes once read.
 */
public final class RequestBodies {

  private RequestBodies() {}

  /**
   * Mounts a JSON POST endpoint: a preamble route that refuses a wrong content type or a declared
   * length over the limit before any byte is read (Vert.x Web runs a route's body handler before
   * its own handlers), then the body handler and the endpoint.
   *
   * @param name the endpoint's name in metrics
   */
  public static void mount(
      Router router, String path, String name, int maxBodyBytes, Handler<RoutingContext> handler) {
    router
        .post(path)
        .handler(
            ctx -> {
              ctx.put(FailureHandler.CHANNEL, name);
              preamble(ctx, maxBodyBytes);
            });
    router
        .post(path)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(handler);
  }

  /**
   * Refuses a request whose body is not declared as UTF-8 JSON (415) or is declared larger than the
   * limit (413), then passes it on.
   */
  static void preamble(RoutingContext ctx, int maxBodyBytes) {
    if (!ContentTypes.isUtf8(ctx.request().getHeader("Content-Type"), "application/json")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json in UTF-8.");
    }
    refuseLongerThan(ctx, maxBodyBytes);
    ctx.next();
  }

  /** Refuses (413) a request whose declared Content-Length exceeds the limit. */
  static void refuseLongerThan(RoutingContext ctx, int maxBodyBytes) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && ChannelDoor.isLongerThan(length, maxBodyBytes)) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE, "The body is larger than " + maxBodyBytes + " bytes.");
    }
  }

  /** The body read by the route's body handler (empty when there was none). */
  public static byte[] body(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }
}
