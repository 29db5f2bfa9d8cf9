package cn.gov12345.intake.signals;

import cn.gov12345.intake.config.SignalsConfig;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.stream.ConsumerGroups;
import cn.gov12345.intake.stream.StreamKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live signals worker: one consumer of the {@code signals.group} consumer group on every
 * partition's tickets stream, driven by one timer. Each poll reads each partition without blocking
 * (and every {@code reclaimAfter} / 4 takes over what a dead worker left pending), handles the
 * entries in order and acknowledges each after its signals are appended. An entry whose handling
 * fails stays pending and is handled again by a reclaim; handling is idempotent, so several
 * replicas and restarts emit each signal once.
 */
public final class SignalsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SignalsVerticle.class);
  private static final List<String> HANDLED =
      List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_STATUS);

  private final SignalsConfig config;
  private final StreamKeys keys;
  private final String prefix;
  private final RedisOptions pooled;
  private final MeterRegistry registry;
  private final long startedAtMillis;
  private final String consumer;
  private Redis redis;
  private SignalStreams streams;
  private SignalProcessor processor;
  private String[] cursors;
  private boolean polling;
  private boolean ready;
  private long lastReclaim;
  private long timer = -1;

  /**
   * @param startedAtMillis when the gateway started: a new group starts there (like delivery)
   */
  public SignalsVerticle(
      SignalsConfig config,
      StreamKeys keys,
      String prefix,
      RedisOptions pooled,
      MeterRegistry registry,
      long startedAtMillis) {
    this.config = config;
    this.keys = keys;
    this.pooled = pooled;
    this.registry = registry;
    this.startedAtMillis = startedAtMillis;
    this.consumer = ConsumerGroups.consumerName();
    this.prefix = prefix;
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, pooled);
    streams = new SignalStreams(keys, config.group(), redis::send);
    processor = new SignalProcessor(config, SignalKeys.live(keys, prefix), redis::send);
    cursors = new String[keys.partitions()];
    Arrays.fill(cursors, "0-0");
    timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
    LOG.info("[startup] signals         group {}, consumer {}", config.group(), consumer);
    return Future.succeededFuture();
  }

  private void tick() {
    if (polling) {
      return;
    }
    polling = true;
    Future<Void> groups =
        ready ? Future.succeededFuture() : streams.createGroups(startedAtMillis + "-0");
    long now = System.currentTimeMillis();
    boolean reclaim = now - lastReclaim >= config.reclaimAfter().toMillis() / 4;
    if (reclaim) {
      lastReclaim = now;
    }
    Future<Void> chain = groups.onSuccess(v -> ready = true);
    for (int p = 0; p < keys.partitions(); p++) {
      int partition = p;
      chain = chain.compose(v -> poll(partition, reclaim));
    }
    chain.onComplete(
        ar -> {
          polling = false;
          if (ar.failed()) {
            LOG.warn("[signals] poll failed, entries stay pending: {}", ar.cause().toString());
          }
        });
  }

  private Future<Void> poll(int p, boolean reclaim) {
    Future<Void> reclaimed =
        !reclaim
            ? Future.succeededFuture()
            : streams
                .reclaim(p, consumer, config.reclaimAfter().toMillis(), cursors[p], config.batch())
                .compose(
                    r -> {
                      cursors[p] = r.cursor();
                      return handleAll(r.entries());
                    });
    return reclaimed.compose(
        v -> streams.readNew(p, consumer, config.batch()).compose(this::handleAll));
  }

  private Future<Void> handleAll(List<SignalStreams.Entry> entries) {
    Future<Void> chain = Future.succeededFuture();
    for (SignalStreams.Entry e : entries) {
      chain = chain.compose(v -> handle(e));
    }
    return chain;
  }

  private Future<Void> handle(SignalStreams.Entry e) {
    Future<List<Signal>> signals =
        HANDLED.contains(e.type())
            ? processor.handle(e.event())
            : Future.succeededFuture(List.of());
    return signals.compose(
        list -> {
          list.forEach(
              s -> {
                Counter.builder("intake_signals_emitted_total")
                    .description("signals appended, by type")
                    .tag("type", s.type())
                    .register(registry)
                    .increment();
                LOG.debug("[signals] {} {} from entry {}", s.type(), s.id(), e.id());
              });
          return streams.ack(e.partition(), e.id());
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
