package cn.gov12345.intake.http;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the body of a {@code BUFFERED} endpoint as the bytes sent, up to the endpoint's limit, and
 * decodes nothing. Vert.x Web's {@code BodyHandler} decodes every form body it buffers (and fails a
 * broken {@code %}-escape with a bare 400, which the failure handler can only call {@code
 * malformed_json}); here the form is the channel's to read strictly, so a broken escape is refused
 * with the channel's own code and sentence, as its contract says.
 */
final class BufferedBody implements Handler<RoutingContext> {

  /** The routing-context key of the body read. */
  static final String KEY = "intake.bufferedBody";

  private final long maxBytes;

  BufferedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      ctx.fail(new VertxException("the body was read before the door read it", true));
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))
        && request.version() == HttpVersion.HTTP_1_1) {
      ctx.response().writeContinue();
    }
    Buffer body = Buffer.buffer();
    request
        .handler(
            chunk -> {
              if (ctx.failed()) {
                return;
              }
              if (body.length() + (long) chunk.length() > maxBytes) {
                ctx.fail(
                    new ChannelException(
                        ErrorCode.BODY_TOO_LARGE,
                        "The body is larger than " + maxBytes + " bytes."));
                return;
              }
              body.appendBuffer(chunk);
            })
        .exceptionHandler(e -> ctx.fail(e))
        .endHandler(
            v -> {
              if (!ctx.failed()) {
                ctx.put(KEY, body);
                ctx.next();
              }
            })
        .resume();
  }

  /** The body this handler read, or none. */
  static byte[] of(RoutingContext ctx) {
    Buffer body = ctx.get(KEY);
    return body == null ? new byte[0] : body.getBytes();
  }
}
