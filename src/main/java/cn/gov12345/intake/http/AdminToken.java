package cn.gov12345.intake.http;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.RequestRefusedException;
import cn.gov12345.intake.signing.BearerToken;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin API's one credential: {@code Authorization: Bearer <delivery.adminToken>}, compared in
 * constant time; 401 without it, and always 401 while no token is configured (the API is off). Only
 * the header counts, never a cookie, so a page of another site cannot make a browser send it (no
 * CSRF surface: the ops page keeps the token in {@code sessionStorage} and sets the header itself).
 * Admin answers are never cached.
 */
final class AdminToken implements Handler<RoutingContext> {

  private final byte[] token;

  AdminToken(Secret configured) {
    this.token = configured.isBlank() ? null : configured.utf8();
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(FailureHandler.CHANNEL, "admin");
    ctx.response().putHeader("Cache-Control", "no-store");
    if (token == null) {
      throw new RequestRefusedException(
          ErrorCode.UNAUTHORIZED, "The admin API is off: no delivery.adminToken is configured.");
    }
    String header = ctx.request().getHeader("Authorization");
    byte[] given = BearerToken.of(header).orElse("").getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(token, given)) {
      throw new RequestRefusedException(
          ErrorCode.UNAUTHORIZED, "A valid admin bearer token is required.");
    }
    ctx.next();
  }
}
