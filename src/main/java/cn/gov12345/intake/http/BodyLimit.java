package cn.gov12345.intake.http;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import io.vertx.core.http.HttpServerRequest;

/** Refuses a body by its declared length, before a byte of it is read. */
final class BodyLimit {

  private BodyLimit() {}

  /**
   * @throws ChannelException {@code body_too_large} when {@code Content-Length} exceeds the limit
   *     (an unreadable value is left to the body handler's own limit)
   */
  static void check(HttpServerRequest request, int limit) {
    String length = request.getHeader("Content-Length");
    if (length != null && ChannelDoor.isLongerThan(length, limit)) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE, "The body is larger than " + limit + " bytes.");
    }
  }
}
