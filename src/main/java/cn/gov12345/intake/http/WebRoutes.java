package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.channel.web.WebChannel;
import cn.gov12345.intake.channel.web.WebForm;
import cn.gov12345.intake.channel.web.WebSubmission;
import cn.gov12345.intake.channel.web.io.PhotoIntake;
import cn.gov12345.intake.channel.web.io.SubmissionGuard;
import cn.gov12345.intake.config.WebChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.media.DiskReserve;
import cn.gov12345.intake.media.MediaStores;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.ratelimit.RedisRateLimiter;
import cn.gov12345.intake.stream.AppendResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The citizen pages ({@code /}, {@code /lookup}, {@code /assets/*}) and the web channel's API:
 * {@code GET /channels/web/v1/challenge} (a proof-of-work challenge and a CSRF token) and {@code
 * POST /channels/web/v1/submissions} (multipart). A submission is checked in an order that writes
 * nothing when it is refused: content type and size, CSRF token, the channel's own checks
 * (honeypot, proof-of-work, fields), the photos' types, then replay and rate limits in Redis; only
 * then are photos stored and the ticket appended.
 */
public final class WebRoutes {

  public static final String CHALLENGE = "/channels/web/v1/challenge";
  public static final String SUBMISSIONS = "/channels/web/v1/submissions";
  public static final String CSRF_COOKIE = "intake_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final Vertx vertx;
  private final Services services;
  private final WebChannel channel;
  private final IntakePipeline pipeline;
  private final IntakeMetrics metrics;
  private final SubmissionGuard guard;
  private final PhotoIntake photos;
  private final ClientAddress clients;
  private final DiskReserve reserve;

  public WebRoutes(
      Vertx vertx,
      Services services,
      IntakePipeline pipeline,
      Function<Request, Future<Response>> redis) {
    this.vertx = vertx;
    this.services = services;
    this.channel = services.web();
    this.pipeline = pipeline;
    this.metrics = services.metrics();
    String prefix = services.config().stream().keyPrefix();
    this.guard =
        new SubmissionGuard(
            prefix,
            redis,
            new RedisRateLimiter(
                prefix,
                services.config().identity().pseudonymKey().utf8(),
                redis,
                services.clock()),
            channel.config(),
            services.clock());
    this.photos = new PhotoIntake(vertx.fileSystem(), MediaStores.create(vertx, services.config()));
    this.clients = new ClientAddress(services.config().http().trustedProxies());
    this.reserve =
        new DiskReserve(
            Path.of(services.config().dataDir()), services.config().media().diskReserveBytes());
  }

  public void mount(Router router) {
    WebChannelConfig config = channel.config();
    router.routeWithRegex("^/($|lookup$|assets/.*|channels/web/.*)").handler(new SecurityHeaders());
    router.get("/").handler(ctx -> page(ctx, "index.html"));
    router.get("/lookup").handler(ctx -> page(ctx, "lookup.html"));
    router.get("/assets/*").handler(StaticHandler.create("webroot/assets").setMaxAgeSeconds(300));
    // the challenge hands out the token; a browser sends no Origin on a same-origin GET, so the
    // Origin check belongs to the state-changing POST alone
    router.get(CHALLENGE).handler(WebRoutes::csrfRefusals);
    router.get(CHALLENGE).handler(csrf(config, null)).handler(this::challenge);
    // the preamble refuses wrong content types, oversized bodies and missing tokens, then the CSRF
    // token is verified (header against cookie, its signature and age) on a route of its own —
    // all before the body handler streams a byte to disk
    router.post(SUBMISSIONS).handler(this::preamble);
    router.post(SUBMISSIONS).handler(csrf(config, services.config().http().publicBaseUrl()));
    router
        .post(SUBMISSIONS)
        .handler(
            BodyHandler.create(uploadsDir())
                .setBodyLimit(config.maxBodyBytes())
                .setDeleteUploadedFilesOnEnd(true))
        .handler(this::accept);
  }

  /** The CSRF handler of the web form; with an origin, it also checks the request's Origin. */
  private CSRFHandler csrf(WebChannelConfig config, String origin) {
    CSRFHandler csrf =
        CSRFHandler.create(vertx, config.csrfSecret().reveal())
            .setCookieName(CSRF_COOKIE)
            .setHeaderName(CSRF_HEADER)
            .setCookieSecure(services.config().http().servedOverHttps())
            .setTimeout(config.challengeTtl().toMillis());
    if (origin != null && !origin.isBlank()) {
      csrf.setOrigin(origin);
    }
    return csrf;
  }

  private String uploadsDir() {
    return Path.of(services.config().dataDir(), "web-uploads").toString();
  }

  private static void page(RoutingContext ctx, String name) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile("webroot/" + name);
  }

  private void challenge(RoutingContext ctx) {
    JsonObject body =
        new JsonObject(channel.challenge())
            .put("csrfToken", ctx.get(CSRF_HEADER))
            .put("maxPhotos", channel.config().maxPhotos());
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** The CSRF handler fails with a bare 403: on these routes that means a bad CSRF token. */
  private static void csrfRefusals(RoutingContext ctx) {
    ctx.put(FailureHandler.FORBIDDEN_MEANS, ErrorCode.CSRF_TOKEN_INVALID);
    ctx.next();
  }

  private void preamble(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.put(FailureHandler.CHANNEL, WebChannel.NAME);
    ctx.put(FailureHandler.FORBIDDEN_MEANS, ErrorCode.CSRF_TOKEN_INVALID);
    ctx.addEndHandler(v -> metrics.request(WebChannel.NAME, System.nanoTime() - started));
    String type = ctx.request().getHeader("Content-Type");
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the form as multipart/form-data.");
    }
    RequestBodies.refuseLongerThan(ctx, (int) channel.config().maxBodyBytes());
    reserve.check();
    if (ctx.request().getHeader(CSRF_HEADER) == null) {
      throw new ChannelException(
          ErrorCode.CSRF_TOKEN_INVALID,
          "The form's security token is missing; reload the page and send the form again.");
    }
    ctx.next();
  }

  private void accept(RoutingContext ctx) {
    List<PhotoIntake.Upload> uploads = new ArrayList<>();
    WebSubmission submission = channel.accept(form(ctx, uploads));
    String client = clients.of(ctx.request());
    photos
        .read(uploads)
        .compose(
            read ->
                guard
                    .admit(submission.proofOfWork(), submission.idempotencyKey(), client)
                    .compose(v -> photos.store(read)))
        .map(attachments -> channel.inbound(submission, attachments))
        .compose(pipeline::accept)
        .onSuccess(result -> respond(ctx, result))
        .onFailure(ctx::fail);
  }

  private static WebForm form(RoutingContext ctx, List<PhotoIntake.Upload> uploads) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    ctx.request()
        .formAttributes()
        .names()
        .forEach(n -> fields.put(n, ctx.request().formAttributes().getAll(n)));
    List<WebForm.Photo> photos = new ArrayList<>();
    for (FileUpload upload : ctx.fileUploads()) {
      if (upload.size() == 0 && (upload.fileName() == null || upload.fileName().isEmpty())) {
        continue; // an empty file input
      }
      photos.add(new WebForm.Photo(upload.name(), upload.size()));
      uploads.add(new PhotoIntake.Upload(upload.uploadedFileName(), upload.contentType()));
    }
    return new WebForm(fields, photos);
  }

  private void respond(RoutingContext ctx, AppendResult result) {
    if (result.duplicate()) {
      metrics.duplicate(WebChannel.NAME);
    } else {
      metrics.accepted(WebChannel.NAME);
    }
    JsonObject body =
        new JsonObject()
            .put("status", result.duplicate() ? "duplicate" : "accepted")
            .put("ticketId", result.ticketId())
            .put("trackingNumber", result.trackingNumber())
            .put(
                "queryCode",
                services.queryCodes().codeFor(result.trackingNumber(), result.ticketId()));
    ctx.response()
        .setStatusCode(result.duplicate() ? 200 : 202)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
