package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.channel.app.io.AppAuthenticator;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.metrics.UploadMetrics;
import cn.gov12345.intake.upload.TusProtocol;
import cn.gov12345.intake.upload.UploadPatch;
import cn.gov12345.intake.upload.UploadState;
import cn.gov12345.intake.upload.Uploads;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * The tus 1.0.0 server of the mobile app, {@code /channels/app/v1/uploads/}: OPTIONS (discovery),
 * POST (creation), HEAD (offset), PATCH (core, checksum), DELETE (termination); {@code
 * X-HTTP-Method-Override} on POST; {@code Expect: 100-continue} answered only once a PATCH passed
 * its checks. Every request except OPTIONS carries the app user's JWT and {@code Tus-Resumable:
 * 1.0.0}. Errors are problem+json from the one {@link FailureHandler}, with the tus headers.
 */
public final class UploadRoutes {

  public static final String BASE = "/channels/app/v1/uploads";
  static final String CHANNEL = "app";
  private static final Set<HttpMethod> OVERRIDABLE =
      Set.of(HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.HEAD);
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final AppAuthenticator auth;
  private final Uploads uploads;
  private final UploadPatch patches;
  private final UploadMetrics metrics;

  public UploadRoutes(
      AppAuthenticator auth, Uploads uploads, UploadPatch patches, UploadMetrics metrics) {
    this.auth = auth;
    this.uploads = uploads;
    this.patches = patches;
    this.metrics = metrics;
  }

  public void mount(Router router) {
    router.route(BASE + "*").handler(this::preamble);
    router.options(BASE + "*").handler(this::options);
    router.post(BASE).handler(this::create);
    router.post(BASE + "/").handler(this::create);
    router.head(BASE + "/:id").handler(this::head);
    router.patch(BASE + "/:id").handler(this::patch);
    router.delete(BASE + "/:id").handler(this::terminate);
  }

  private void preamble(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    if (!r.isEnded()) {
      r.pause();
    }
    ctx.put(FailureHandler.CHANNEL, CHANNEL);
    ctx.response()
        .putHeader(TusProtocol.TUS_RESUMABLE, TusProtocol.VERSION)
        .putHeader(TusProtocol.TUS_VERSION, TusProtocol.VERSION)
        .putHeader("Cache-Control", "no-store");
    String override = r.getHeader("X-HTTP-Method-Override");
    if (r.method() == HttpMethod.POST && override != null && !override.isBlank()) {
      HttpMethod method = HttpMethod.valueOf(override.trim().toUpperCase(Locale.ROOT));
      if (!OVERRIDABLE.contains(method)) {
        throw new ChannelException(
            ErrorCode.INVALID_REQUEST, "X-HTTP-Method-Override may be PATCH, DELETE or HEAD.");
      }
      ctx.reroute(method, r.uri());
      return;
    }
    if (r.method() != HttpMethod.OPTIONS) {
      TusProtocol.requireVersion(r.getHeader(TusProtocol.TUS_RESUMABLE));
    }
    ctx.next();
  }

  private void options(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(204)
        .putHeader(TusProtocol.TUS_EXTENSION, TusProtocol.EXTENSIONS)
        .putHeader(TusProtocol.TUS_MAX_SIZE, Long.toString(uploads.maxSize()))
        .putHeader(TusProtocol.TUS_CHECKSUM_ALGORITHM, TusProtocol.CHECKSUM_ALGORITHMS)
        .end();
  }

  private void create(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    if (r.getHeader(TusProtocol.UPLOAD_DEFER_LENGTH) != null) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "Upload-Defer-Length is not supported; send Upload-Length.");
    }
    long length = TusProtocol.nonNegative(TusProtocol.UPLOAD_LENGTH, r.getHeader("Upload-Length"));
    String metadata = r.getHeader(TusProtocol.UPLOAD_METADATA);
    user(ctx)
        .compose(user -> uploads.create(user, length, metadata))
        .onSuccess(
            s -> {
              metrics.created();
              ctx.response()
                  .setStatusCode(201)
                  .putHeader("Location", BASE + "/" + s.id())
                  .putHeader(TusProtocol.UPLOAD_EXPIRES, httpDate(s.expiresAt()))
                  .end();
            })
        .onFailure(e -> fail(ctx, e));
  }

  private void head(RoutingContext ctx) {
    user(ctx)
        .compose(user -> uploads.find(user, ctx.pathParam("id")))
        .onSuccess(s -> describe(ctx.response().setStatusCode(200), s).end())
        .onFailure(e -> fail(ctx, e));
  }

  private void patch(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    String type = r.getHeader("Content-Type");
    if (type == null
        || !type.trim().toLowerCase(Locale.ROOT).startsWith(TusProtocol.OFFSET_CONTENT_TYPE)) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "A PATCH body must be sent as " + TusProtocol.OFFSET_CONTENT_TYPE + ".");
    }
    long offset = TusProtocol.nonNegative(TusProtocol.UPLOAD_OFFSET, r.getHeader("Upload-Offset"));
    TusProtocol.Checksum checksum = TusProtocol.checksum(r.getHeader(TusProtocol.UPLOAD_CHECKSUM));
    boolean expectsContinue = "100-continue".equalsIgnoreCase(r.getHeader("Expect"));
    user(ctx)
        .compose(
            user ->
                patches.patch(
                    user,
                    ctx.pathParam("id"),
                    offset,
                    checksum,
                    r,
                    () -> {
                      if (expectsContinue) {
                        ctx.response().writeContinue();
                      }
                    }))
        .onSuccess(
            s -> {
              metrics.received(s.offset() - offset, s.complete());
              describe(ctx.response().setStatusCode(204), s).end();
            })
        .onFailure(e -> fail(ctx, e));
  }

  private void terminate(RoutingContext ctx) {
    user(ctx)
        .compose(user -> uploads.terminate(user, ctx.pathParam("id")))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> fail(ctx, e));
  }

  private Future<AppUser> user(RoutingContext ctx) {
    return auth.authenticate(ctx.request().getHeader("Authorization"));
  }

  private static HttpServerResponse describe(HttpServerResponse response, UploadState s) {
    response
        .putHeader(TusProtocol.UPLOAD_OFFSET, Long.toString(s.offset()))
        .putHeader(TusProtocol.UPLOAD_LENGTH, Long.toString(s.length()));
    if (!s.metadata().isEmpty()) {
      response.putHeader(TusProtocol.UPLOAD_METADATA, s.metadata());
    }
    if (s.complete()) {
      response.putHeader(TusProtocol.UPLOAD_MEDIA_ID, s.mediaId());
    } else {
      response.putHeader(TusProtocol.UPLOAD_EXPIRES, httpDate(s.expiresAt()));
    }
    return response;
  }

  /** Fails the request; a body that was never read means the connection cannot be reused. */
  private static void fail(RoutingContext ctx, Throwable e) {
    if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.fail(e);
  }

  static String httpDate(long epochMs) {
    return HTTP_DATE.format(Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC));
  }
}
