package cn.gov12345.intake;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.http.Drain;
import cn.gov12345.intake.http.MountedRoutes;
import cn.gov12345.intake.http.PublicVerticle;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.redis.EmbeddedRedisServer;
import cn.gov12345.intake.redis.RedisEndpoint;
import cn.gov12345.intake.redis.RedisTls;
import cn.gov12345.intake.stream.PartitionCount;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: the Redis it uses (embedded or external), one Vert.x instance with the
 * public verticles (one per event loop) and, when destinations are configured, the delivery
 * verticle, and a second, one-event-loop Vert.x instance for the management verticle (its own
 * acceptor and event loop: a flood of the public port cannot delay the probes). {@link #stop()}
 * lets in-flight requests finish, then stops the embedded Redis.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final long START_TIMEOUT_SECONDS = 60;
  private static final long STOP_TIMEOUT_SECONDS = 60;

  private final Vertx vertx;
  private final Vertx managementVertx;
  private final RedisEndpoint redis;
  private final EmbeddedRedisServer embedded;
  private final DataDirLock lock;
  private final int httpPort;
  private final int managementPort;
  private final Drain drain;

  private Gateway(
      Vertx vertx,
      Vertx managementVertx,
      RedisEndpoint redis,
      EmbeddedRedisServer embedded,
      DataDirLock lock,
      int httpPort,
      int managementPort,
      Drain drain) {
    this.drain = drain;
    this.vertx = vertx;
    this.managementVertx = managementVertx;
    this.redis = redis;
    this.embedded = embedded;
    this.lock = lock;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
  }

  /**
   * Starts everything and returns once every verticle listens. Blocks: call it from a plain thread
   * (main, a test), never from an event loop.
   *
   * @throws IOException when the embedded Redis cannot start, the data dir is in use, a port is
   *     taken or a verticle cannot start (whatever was started is stopped again)
   */
  public static Gateway start(GatewayConfig config, Clock clock) throws IOException {
    Path dataDir = Path.of(config.dataDir());
    DataDirLock lock = null;
    EmbeddedRedisServer embedded = null;
    RedisEndpoint endpoint;
    if (config.redis().isEmbedded()) {
      lock = DataDirLock.acquire(dataDir);
      embedded =
          EmbeddedRedisServer.start(
              dataDir, config.redis().embedded(), config.redis().durability());
      endpoint =
          RedisEndpoint.embedded(config.redis(), embedded.port(), embedded.directory().toString());
    } else {
      endpoint = RedisEndpoint.external(config.redis());
    }
    int loops =
        config.http().eventLoops() == 0
            ? Runtime.getRuntime().availableProcessors()
            : config.http().eventLoops();
    int[] free = EmbeddedRedisServer.freePorts(2);
    int httpPort = config.http().port() == 0 ? free[0] : config.http().port();
    int managementPort = config.management().port() == 0 ? free[1] : config.management().port();
    Vertx vertx = vertx(loops);
    Vertx managementVertx = vertx(1);
    Services services = Services.create(config, endpoint, clock, new IntakeMetrics());
    Drain drain = new Drain(config.http().drainDelay());
    Gateway gateway =
        new Gateway(
            vertx, managementVertx, endpoint, embedded, lock, httpPort, managementPort, drain);
    Future<String> deployed =
        checkPartitions(vertx, services)
            .compose(
                v ->
                    managementVertx.deployVerticle(
                        Verticles.management(services, managementPort, drain)))
            .compose(id -> deploy(vertx, services, loops, httpPort));
    try {
      deployed
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      gateway.shutDown();
      throw new IOException("the gateway could not start: " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      gateway.shutDown();
      throw new IOException("interrupted while starting", e);
    }
    LOG.info("[startup] public URL      http://{}:{}/", shownHost(config.http().host()), httpPort);
    LOG.info(
        "[startup] management URL  http://{}:{}/health/ready",
        shownHost(config.management().host()),
        managementPort);
    LOG.info("[startup] redis           {}", endpoint.description());
    return gateway;
  }

  private static Vertx vertx(int eventLoops) {
    return Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true))
        .build();
  }

  /**
   * Records P at the first start of a key prefix and refuses a start with another P ({@link
   * PartitionCount}). A Redis that cannot be reached now does not stop the start (the gateway
   * answers 503 until it is back); the check then runs at the next start. A Redis whose TLS
   * handshake fails (an untrusted certificate: a configuration error, not an outage) does ({@link
   * RedisTls#refusal}).
   */
  private static Future<Void> checkPartitions(Vertx vertx, Services services) {
    Redis client = Redis.createClient(vertx, services.redis().pooled());
    long waitMillis =
        services.redis().config().connectTimeout().toMillis()
            + services.redis().config().commandTimeout().toMillis();
    return PartitionCount.verify(services.keys(), client::send)
        .timeout(waitMillis, TimeUnit.MILLISECONDS)
        .<Void>transform(
            done -> {
              if (done.succeeded()) {
                if (done.result() == PartitionCount.Found.RECORDED) {
                  LOG.info(
                      "[startup] partitions      P = {} recorded for this key prefix",
                      services.keys().partitions());
                }
                return Future.succeededFuture();
              }
              if (done.cause() instanceof PartitionCount.PartitionMismatchException) {
                return Future.failedFuture(done.cause());
              }
              Optional<String> tls = RedisTls.refusal(services.redis().config(), done.cause());
              if (tls.isPresent()) {
                return Future.failedFuture(new IllegalStateException(tls.get()));
              }
              LOG.warn(
                  "[startup] partition count not checked, Redis unreachable: {}",
                  rootMessage(done.cause()));
              return Future.succeededFuture();
            })
        .eventually(client::close);
  }

  /**
   * After management (on its own Vert.x): the public verticles, then the upload sweeps, then (with
   * WeChat accounts) media fetching, (with telephony) the call sweeper, (with destinations)
   * delivery, (with {@code signals.enabled}) the signals worker.
   */
  private static Future<String> deploy(Vertx vertx, Services services, int loops, int httpPort) {
    long startedAt = System.currentTimeMillis();
    Supplier<PublicVerticle> publicVerticle = Verticles.publicPort(services, httpPort);
    return vertx
        .deployVerticle(publicVerticle::get, new DeploymentOptions().setInstances(loops))
        .compose(id -> vertx.deployVerticle(Verticles.uploadSweep(services)))
        .compose(
            id ->
                services.config().channels().wechat().accounts().isEmpty()
                    ? Future.succeededFuture(id)
                    : vertx.deployVerticle(Verticles.mediaFetch(services)))
        .compose(
            id ->
                services.config().channels().telephony().isEmpty()
                    ? Future.succeededFuture(id)
                    : vertx.deployVerticle(Verticles.telephony(services)))
        .compose(
            id ->
                services.deliveries().isEmpty()
                    ? Future.succeededFuture(id)
                    : vertx.deployVerticle(Verticles.delivery(services, startedAt)))
        .compose(
            id ->
                services.config().signals().enabled()
                    ? vertx.deployVerticle(Verticles.signals(services, startedAt))
                    : Future.succeededFuture(id));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }

  public int httpPort() {
    return httpPort;
  }

  public int managementPort() {
    return managementPort;
  }

  /** What the public and the management port mounted ({@link MountedRoutes}). */
  public List<String> routes(String port) {
    return MountedRoutes.of("management".equals(port) ? managementVertx : vertx, port);
  }

  public RedisEndpoint redis() {
    return redis;
  }

  /**
   * The graceful drain, then the stop: readiness answers 503 at once ({@link Drain}), the public
   * port keeps serving for {@code http.drainDelay} (load balancers see the readiness and stop
   * routing here), then stops accepting and lets in-flight requests finish (up to {@code
   * http.shutdownGrace}), closes Vert.x (management last: it answers 503 meanwhile), then stops the
   * embedded Redis (which flushes its AOF). Blocks; never call it from an event loop.
   */
  public void stop() {
    if (drain.begin()) {
      LOG.info(
          "[shutdown] readiness DOWN; serving {} ms more (http.drainDelay) before closing the port",
          drain.delay().toMillis());
      try {
        Thread.sleep(drain.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.info("[shutdown] closing the port; in-flight requests get http.shutdownGrace to finish");
    shutDown();
  }

  /** Closes everything without the drain (a start that failed half-way, or after the drain). */
  private void shutDown() {
    close(vertx);
    close(managementVertx);
    try {
      if (embedded != null) {
        embedded.close();
      }
      if (lock != null) {
        lock.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("[shutdown] embedded Redis did not stop cleanly: {}", rootMessage(e));
    }
  }

  private static void close(Vertx instance) {
    try {
      instance
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("[shutdown] Vert.x did not close cleanly: {}", rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String shownHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }
}
