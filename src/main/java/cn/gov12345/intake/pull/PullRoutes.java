package cn.gov12345.intake.pull;

import cn.gov12345.intake.config.PullConfig;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.PullException;
import cn.gov12345.intake.http.Correlation;
import cn.gov12345.intake.http.FailureHandler;
import cn.gov12345.intake.stream.StreamKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The pull API on the public port, for backends without Redis access: {@code GET
 * /v1/streams/tickets?after=<cursor>&limit=N} (a page of events and the {@code next} cursor) and
 * {@code GET /v1/streams/tickets/events} (Server-Sent Events, resumable with {@code
 * Last-Event-ID}). Both need {@code Authorization: Bearer <key>} of a configured consumer. One
 * instance per event loop, with its own pooled Redis client for reads (the accept path's pipelined
 * connection is never held up by a large read).
 */
public final class PullRoutes {

  public static final String PAGE_PATH = "/v1/streams/tickets";
  public static final String EVENTS_PATH = "/v1/streams/tickets/events";

  /** The {@code channel} tag of refused pull requests. */
  static final String CHANNEL = "pull";

  private static final String OPEN_STREAMS = "intake.pull.sse.open";

  private final Vertx vertx;
  private final PullConfig config;
  private final int partitions;
  private final PullConsumers consumers;
  private final PullMetrics metrics;
  private final LocalMap<String, Integer> openStreams;
  private final Redis redis;
  private final TicketReader reader;
  private final Set<SseStream> streams = new HashSet<>();

  /**
   * @param redisOptions the pooled client's options (reads only)
   * @param commandTimeout how long a read may take
   */
  public PullRoutes(
      Vertx vertx,
      PullConfig config,
      StreamKeys keys,
      MeterRegistry registry,
      RedisOptions redisOptions,
      Duration commandTimeout) {
    this.vertx = vertx;
    this.config = config;
    this.partitions = keys.partitions();
    this.consumers = new PullConsumers(config);
    this.openStreams = vertx.sharedData().getLocalMap(OPEN_STREAMS);
    this.metrics = new PullMetrics(registry, openStreams);
    config.consumers().keySet().forEach(metrics::streams);
    this.redis = Redis.createClient(vertx, redisOptions);
    long timeout = commandTimeout.toMillis();
    this.reader =
        new TicketReader(keys, req -> redis.send(req).timeout(timeout, TimeUnit.MILLISECONDS));
  }

  public void mount(Router router) {
    router.get(PAGE_PATH).handler(this::page);
    router.get(EVENTS_PATH).handler(this::events);
  }

  private void page(RoutingContext ctx) {
    PullConsumers.Consumer consumer = authenticate(ctx);
    int limit = limit(ctx.request().getParam("limit"));
    String after = ctx.request().getParam("after");
    Cursor from =
        after == null || after.isBlank()
            ? Cursor.origin(partitions)
            : Cursor.parse(after, partitions);
    long started = System.nanoTime();
    reader
        .read(from, limit, consumer.wanted())
        .onSuccess(
            page -> {
              metrics.read(PullMetrics.PAGE, System.nanoTime() - started);
              metrics.request(consumer.name(), PullMetrics.PAGE);
              metrics.events(consumer.name(), PullMetrics.PAGE, page.events().size());
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(body(page));
            })
        .onFailure(ctx::fail);
  }

  /** {@code {"events":[…],"next":"…"}}; the events are the stream's JSON as stored. */
  private static Buffer body(TicketReader.Page page) {
    Buffer out = Buffer.buffer().appendString("{\"events\":[");
    List<TicketReader.PulledEvent> events = page.events();
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.appendString(",");
      }
      out.appendBuffer(events.get(i).json());
    }
    return out.appendString("],\"next\":\"").appendString(page.next().encode()).appendString("\"}");
  }

  private void events(RoutingContext ctx) {
    PullConsumers.Consumer consumer = authenticate(ctx);
    String resume = ctx.request().getHeader("Last-Event-ID");
    if (resume == null || resume.isBlank()) {
      resume = ctx.request().getParam("after");
    }
    Cursor resumeAt = resume == null || resume.isBlank() ? null : Cursor.parse(resume, partitions);
    String name = consumer.name();
    if (openStreams.merge(name, 1, Integer::sum) > config.sse().maxConnectionsPerConsumer()) {
      openStreams.merge(name, -1, Integer::sum);
      throw new PullException(
          ErrorCode.TOO_MANY_STREAMS,
          "This consumer already has "
              + config.sse().maxConnectionsPerConsumer()
              + " open event streams on this gateway.");
    }
    metrics.request(name, PullMetrics.SSE);
    SseStream stream =
        new SseStream(
            vertx,
            ctx.response(),
            reader,
            consumer,
            config.sse(),
            metrics,
            Correlation.of(ctx),
            ended -> {
              openStreams.merge(name, -1, Integer::sum);
              streams.remove(ended);
            });
    streams.add(stream);
    ctx.request().connection().shutdownHandler(v -> stream.end());
    Future<Cursor> start = resumeAt == null ? reader.end() : Future.succeededFuture(resumeAt);
    start
        .onSuccess(stream::start)
        .onFailure(
            err -> {
              stream.abandon();
              ctx.fail(err);
            });
  }

  private PullConsumers.Consumer authenticate(RoutingContext ctx) {
    ctx.put(FailureHandler.CHANNEL, CHANNEL);
    try {
      return consumers.authenticate(ctx.request().getHeader("Authorization"));
    } catch (PullException e) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"intake-pull\"");
      throw e;
    }
  }

  private int limit(String text) {
    if (text == null || text.isBlank()) {
      return config.defaultLimit();
    }
    int limit;
    try {
      limit = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > config.maxLimit()) {
      throw new PullException(
          ErrorCode.INVALID_PARAMETER, "limit must be 1.." + config.maxLimit() + ".");
    }
    return limit;
  }

  /** Ends every open event stream and closes the Redis client (verticle stop). */
  public Future<Void> close() {
    List.copyOf(streams).forEach(SseStream::end);
    return redis.close();
  }
}
