package cn.gov12345.intake.http;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The checks every JSON API endpoint makes before reading a body (content type, declared length)
 * and the body bytes once read.
 */
final class JsonRequests {

  private JsonRequests() {}

  /**
   * Refuses a request whose body is not declared as UTF-8 JSON (415) or is declared larger than the
   * limit (413), then passes it on.
   */
  static void preamble(RoutingContext ctx, int maxBodyBytes) {
    if (!isJson(ctx.request().getHeader("Content-Type"))) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json in UTF-8.");
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && WebhookRoutes.isLongerThan(length, maxBodyBytes)) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE, "The body is larger than " + maxBodyBytes + " bytes.");
    }
    ctx.next();
  }

  /** The body read by the route's body handler (empty when there was none). */
  static byte[] body(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }

  static boolean isJson(String contentType) {
    return hasType(contentType, "application/json");
  }

  /** Whether a Content-Type is the given media type, in UTF-8 when it names a charset. */
  static boolean hasType(String contentType, String mediaType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].trim().equals(mediaType)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("charset=")
          && !param.substring(8).replace("\"", "").trim().equals("utf-8")) {
        return false;
      }
    }
    return true;
  }
}
