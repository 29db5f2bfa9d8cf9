package cn.gov12345.intake.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The citizen pages ({@code /}, {@code /lookup}, {@code /assets/*}), static files; the web
 * channel's API behind them ({@code /channels/web/*}) is mounted by the door. Both carry the {@link
 * SecurityHeaders}, so this is mounted before the door.
 */
final class CitizenPages {

  private CitizenPages() {}

  static void mount(Router router) {
    router.routeWithRegex("^/($|lookup$|assets/.*|channels/web/.*)").handler(new SecurityHeaders());
    router.get("/").handler(ctx -> page(ctx, "index.html"));
    router.get("/lookup").handler(ctx -> page(ctx, "lookup.html"));
    router.get("/assets/*").handler(StaticHandler.create("webroot/assets").setMaxAgeSeconds(300));
  }

  private static void page(RoutingContext ctx, String name) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile("webroot/" + name);
  }
}
