package cn.gov12345.intake.http;

import cn.gov12345.intake.config.CorsConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * CORS (the Fetch standard's CORS protocol, https://fetch.spec.whatwg.org/#http-cors-protocol) for
 * the public APIs browsers call: the app's submissions, tus uploads and OpenAPI documents, Open311
 * and 进度查询. The first handler of the public port: a preflight ({@code OPTIONS} with {@code Origin}
 * and {@code Access-Control-Request-Method}) from an allowed origin is answered here, 204, before
 * any gate, body or channel; any other request from an allowed origin gets {@code
 * Access-Control-Allow-Origin} and the exposed headers (its refusals too, so a page can read the
 * problem) and goes on. An origin not allowed gets no CORS header at all (the browser then keeps
 * the answer from the page). No credentials mode: the APIs authenticate by {@code Authorization}
 * header, never by cookie.
 *
 * <p>The exposed headers follow the tus protocol's browser notes
 * (https://tus.io/protocols/resumable-upload#browser-support-and-cors): a page must read {@code
 * Location}, {@code Upload-Offset}, {@code Upload-Length}, {@code Upload-Expires} and the {@code
 * Tus-*} headers.
 */
public final class Cors implements Handler<RoutingContext> {

  /** Where browsers are clients; the channel webhooks, status reports and pull are not. */
  static final List<String> PATHS =
      List.of("/channels/app/", "/open311/", "/v1/lookup", OpenApiDocument.BASE);

  static final String ALLOW_METHODS = "GET, HEAD, POST, PATCH, DELETE, OPTIONS";
  static final String ALLOW_HEADERS =
      "Authorization, Content-Type, Idempotency-Key, X-Request-Id, X-HTTP-Method-Override, "
          + "Tus-Resumable, Upload-Length, Upload-Offset, Upload-Metadata, Upload-Checksum, "
          + "Upload-Defer-Length, Upload-Concat";
  static final String EXPOSE_HEADERS =
      "Location, Upload-Offset, Upload-Length, Upload-Expires, Upload-Metadata, Tus-Resumable, "
          + "Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, Retry-After, "
          + "X-Request-Id, Idempotency-Key";

  private final Set<String> origins;
  private final String maxAgeSeconds;

  public Cors(CorsConfig config) {
    this.origins = Set.copyOf(config.allowedOrigins());
    this.maxAgeSeconds = Long.toString(config.maxAge().toSeconds());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (origins.isEmpty() || !applies(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    HttpServerResponse response = ctx.response();
    response.headers().add("Vary", "Origin");
    String origin = request.getHeader("Origin");
    if (origin == null || !origins.contains(origin)) {
      ctx.next();
      return;
    }
    response.putHeader("Access-Control-Allow-Origin", origin);
    if (request.method() == HttpMethod.OPTIONS
        && request.getHeader("Access-Control-Request-Method") != null) {
      response
          .setStatusCode(204)
          .putHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
          .putHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
          .putHeader("Access-Control-Max-Age", maxAgeSeconds)
          .end();
      return;
    }
    response.putHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    ctx.next();
  }

  static boolean applies(String path) {
    for (String prefix : PATHS) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
