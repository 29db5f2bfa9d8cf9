package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.channel.app.AppUser;
import io.vertx.core.Future;

/** Proves which app user sent a request (submissions and uploads alike). */
public interface AppAuthenticator {

  /**
   * Checks the request's {@code Authorization: Bearer <jwt>} header.
   *
   * @param authorization the header value, or null when absent
   * @return the user; fails with a 401 {@code ChannelException} when the header is missing or the
   *     token is malformed, badly signed, expired, not yet valid or for another audience
   */
  Future<AppUser> authenticate(String authorization);
}
