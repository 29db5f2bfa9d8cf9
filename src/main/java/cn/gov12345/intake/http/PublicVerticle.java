package cn.gov12345.intake.http;

import cn.gov12345.intake.Services;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.pull.PullRoutes;
import cn.gov12345.intake.redis.PipelinedRedis;
import cn.gov12345.intake.stream.RedisStreamStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;

/**
 * Public traffic: one instance per event loop, each with its own router and its own pipelined Redis
 * connection (no connection is shared across event loops).
 */
public final class PublicVerticle extends VerticleBase {

  /** Largest multipart text field: room for the longest description the form allows. */
  static final int MAX_FORM_FIELD_BYTES = 64 * 1024;

  private static final String APP_BASE = "/channels/app/v1";

  /** Under the data dir: the files of multipart bodies in flight (deleted when answered). */
  static final String UPLOADS = "web-uploads";

  private final Services services;
  private final List<ChannelModule> channels;
  private final int port;
  private PipelinedRedis redis;
  private HttpServer server;
  private PullRoutes pull;

  /**
   * @param channels the channels the door mounts
   * @param port the resolved listening port (never 0: instances share it)
   */
  public PublicVerticle(Services services, List<ChannelModule> channels, int port) {
    this.services = services;
    this.channels = List.copyOf(channels);
    this.port = port;
  }

  @Override
  public Future<?> start() {
    redis = new PipelinedRedis(vertx, services.redis());
    RedisStreamStore store =
        new RedisStreamStore(
            services.keys(),
            services.config().stream().dedupTtl(),
            services.config().status().retention(),
            redis::send,
            services.metrics());
    IntakePipeline pipeline =
        new IntakePipeline(
            services.pseudonymizer(),
            services.sealer(),
            services.keys(),
            services.events(),
            store,
            services.ids());
    Router router = Router.router(vertx);
    router.route().handler(new Correlation());
    ChannelDoor door =
        new ChannelDoor(
            services.metrics(),
            new ClientAddress(services.config().http().trustedProxies()),
            services.config().redis().retryAfter().toSeconds(),
            Path.of(services.config().dataDir(), UPLOADS));
    CitizenPages.mount(router);
    Loop loop = new Loop(vertx, redis::send, pipeline);
    channels.forEach(channel -> door.mount(router, channel, loop));
    mountAppDocuments(router);
    LookupRoutes.create(services, redis::send).mount(router);
    StatusRoutes.create(services, redis::send).mount(router);
    pull = new PullRoutes(vertx, services);
    pull.mount(router);
    FailureHandler failures =
        new FailureHandler(services.metrics(), services.config().redis().retryAfter().toSeconds());
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    server = vertx.createHttpServer(options());
    return vertx
        .fileSystem()
        .mkdirs(Path.of(services.config().dataDir(), UPLOADS).toString())
        .compose(v -> server.requestHandler(router).listen(port, services.config().http().host()));
  }

  /** The OpenAPI document of the app's API, served next to it. */
  private static void mountAppDocuments(Router router) {
    OpenApiDocument document = OpenApiDocument.load();
    router.get(APP_BASE + "/openapi.yaml").handler(document::sendYaml);
    router.get(APP_BASE + "/openapi.json").handler(document::sendJson);
  }

  private static HttpServerOptions options() {
    return new HttpServerOptions()
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
    Future<Void> drained =
        server == null
            ? Future.succeededFuture()
            : server.shutdown(services.config().http().shutdownGrace());
    return drained
        .eventually(() -> pull == null ? Future.succeededFuture() : pull.close())
        .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
