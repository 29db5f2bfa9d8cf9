package cn.gov12345.intake.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers of the citizen pages and the web channel's API: a strict Content-Security-Policy (only
 * this origin's scripts, styles, workers and fetches; no inline code, no frames), no MIME sniffing,
 * no referrer, no framing, geolocation for this origin only.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
          + " connect-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader("Cross-Origin-Resource-Policy", "same-origin")
        .putHeader("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
    ctx.next();
  }
}
