package cn.gov12345.intake.http;

import cn.gov12345.intake.config.HttpConfig;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Public traffic: one instance per event loop, each with its own router and its own pipelined Redis
 * connection (no connection is shared across event loops). The door mounts every channel, then the
 * other APIs mount themselves; what either needs comes from the wiring ({@link LoopFactory}, the
 * modules), never from a locator.
 */
public final class PublicVerticle extends VerticleBase {

  /** Largest multipart text field: room for the longest description the form allows. */
  static final int MAX_FORM_FIELD_BYTES = 64 * 1024;

  private static final String APP_BASE = "/channels/app/v1";

  /** Under the data dir: the files of multipart bodies in flight (deleted when answered). */
  public static final String UPLOADS = "web-uploads";

  private final HttpConfig http;
  private final Duration retryAfter;
  private final IntakeMetrics metrics;
  private final LoopFactory loops;
  private final Path uploads;
  private final List<ChannelModule> channels;
  private final List<ApiModule> apis;
  private final int port;
  private final ConnectionGuard connections;
  private final List<ApiModule.Mounted> mounted = new ArrayList<>();
  private LoopFactory.Opened opened;
  private ConnectionSweep sweep;
  private HttpServer server;

  /**
   * @param retryAfter the {@code Retry-After} of a 503
   * @param loops builds each event loop's connection, store and pipeline
   * @param channels the channels the door mounts
   * @param apis the other APIs of the public port
   * @param port the resolved listening port (never 0: instances share it)
   * @param connections the port's deadlines and cap, shared by every instance
   */
  public PublicVerticle(
      HttpConfig http,
      Duration retryAfter,
      IntakeMetrics metrics,
      LoopFactory loops,
      List<ChannelModule> channels,
      List<ApiModule> apis,
      int port,
      ConnectionGuard connections,
      Path uploads) {
    this.http = http;
    this.retryAfter = retryAfter;
    this.metrics = metrics;
    this.loops = loops;
    this.connections = connections;
    this.channels = List.copyOf(channels);
    this.apis = List.copyOf(apis);
    this.port = port;
    this.uploads = uploads;
  }

  @Override
  public Future<?> start() {
    opened = loops.open(vertx);
    Loop loop = opened.loop();
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            ctx -> {
              ctx.addEndHandler(v -> metrics.response("public", ctx.response().getStatusCode()));
              ctx.next();
            });
    router.route().handler(new Correlation());
    router.route().handler(new Cors(http.cors()));
    ChannelDoor door =
        new ChannelDoor(
            metrics, new ClientAddress(http.trustedProxies()), retryAfter.toSeconds(), uploads);
    CitizenPages.mount(router);
    channels.forEach(channel -> door.mount(router, channel, loop));
    mountAppDocuments(router);
    apis.forEach(api -> mounted.add(api.mount(router, loop)));
    FailureHandler failures = new FailureHandler(metrics, retryAfter.toSeconds());
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    MountedRoutes.publish(vertx, "public", router);
    server = vertx.createHttpServer(options());
    sweep = connections.install(vertx, server, router);
    // meet Redis before the first request: the connection's preparation (the tracking-number
    // fence) is done before anything is accepted; Redis down at start is no reason not to start
    Future<?> met = loop.reads().apply(Request.cmd(Command.PING)).otherwiseEmpty();
    return met.compose(v -> vertx.fileSystem().mkdirs(uploads.toString()))
        .compose(v -> server.listen(port, http.host()));
  }

  /**
   * The OpenAPI documents of the public APIs at {@code /openapi/<name>.yaml|.json}, and the app's
   * also next to it.
   */
  private static void mountAppDocuments(Router router) {
    OpenApiDocument.PUBLIC.forEach(name -> OpenApiDocument.mount(router, name));
    OpenApiDocument document = OpenApiDocument.load("app");
    router.get(APP_BASE + "/openapi.yaml").handler(document::sendYaml);
    router.get(APP_BASE + "/openapi.json").handler(document::sendJson);
  }

  private static HttpServerOptions options() {
    return ConnectionGuard.http1Only(new HttpServerOptions())
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        // no WebSockets here: keeps Netty's extension handler out of every response
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxHeaderSize(16 * 1024)
        // a form field may hold a 5,000-character complaint (15 KB of UTF-8); Vert.x's default
        // of 8 KiB refused ~2,700 Chinese characters
        .setMaxFormAttributeSize(MAX_FORM_FIELD_BYTES);
  }

  @Override
  public Future<?> stop() {
    if (sweep != null) {
      sweep.close();
    }
    Future<Void> drained =
        server == null ? Future.succeededFuture() : server.shutdown(http.shutdownGrace());
    return drained
        .eventually(() -> Future.join(mounted.stream().map(ApiModule.Mounted::stop).toList()))
        .eventually(() -> opened == null ? Future.succeededFuture() : opened.close().get());
  }
}
