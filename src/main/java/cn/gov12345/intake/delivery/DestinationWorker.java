package cn.gov12345.intake.delivery;

import cn.gov12345.intake.log.RateLimitedLog;
import cn.gov12345.intake.metrics.DeliveryMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one destination's entries. Driven by the delivery verticle's timer: each tick, unless a
 * poll is still running, the destination is disabled or its breaker is open, it takes as many
 * entries as it has free concurrency (due retries first, then entries a dead worker held, then new
 * ones) with short non-blocking reads, and starts one attempt per entry. Nothing is buffered: an
 * entry is read only when an attempt can start at once.
 *
 * <p>Confined to the verticle's event loop.
 */
public final class DestinationWorker {

  private static final Logger LOG = LoggerFactory.getLogger(DestinationWorker.class);

  /**
   * Failed attempts, dead letters, poll and settle failures: the first of each kind per destination
   * logged, then at most one line a minute with the count suppressed.
   */
  private static final RateLimitedLog LIMITED = new RateLimitedLog(LOG, Duration.ofMinutes(1));

  private final Destination d;
  private final RedisDeliveryStore store;
  private final DestinationStates states;
  private final AttemptSender sender;
  private final DeliveryMetrics metrics;
  private final Clock clock;
  private final String consumer;
  private final String groupStart;
  private final long leaseMillis;
  private final long reclaimEveryMillis;
  private final String[] cursors;
  private long lastReclaim;
  private int inFlight;
  private boolean polling;
  // the last poll filled every free slot: more is waiting, so poll again as soon as a slot frees
  // instead of waiting for the next tick (a burst drains at the destination's pace, not the
  // timer's)
  private boolean backlog;
  private boolean groupsReady;
  private Promise<Void> drained;

  /** What a worker needs besides its destination (shared by every worker of a verticle). */
  public record Tools(
      RedisDeliveryStore store,
      DestinationStates states,
      AttemptSender sender,
      DeliveryMetrics metrics,
      Clock clock,
      String consumer,
      String groupStart,
      int partitions,
      long reclaimMarginMillis) {}

  public DestinationWorker(Destination d, Tools tools) {
    this.d = d;
    this.store = tools.store();
    this.states = tools.states();
    this.sender = tools.sender();
    this.metrics = tools.metrics();
    this.clock = tools.clock();
    this.consumer = tools.consumer();
    this.groupStart = tools.groupStart();
    this.leaseMillis = d.config().requestTimeout().toMillis() + tools.reclaimMarginMillis();
    this.reclaimEveryMillis = Math.max(100, leaseMillis / 4);
    this.cursors = new String[tools.partitions()];
    Arrays.fill(cursors, "0-0");
  }

  /** One poll, unless one is running, the worker is stopping, or nothing may start now. */
  public void tick() {
    if (polling || drained != null || !d.enabled() || free() == 0) {
      return;
    }
    polling = true;
    if (!groupsReady) {
      store
          .createGroups(d, groupStart)
          .onComplete(
              ar -> {
                polling = false;
                groupsReady = ar.succeeded();
                if (ar.failed()) {
                  LIMITED.warn(
                      d.name() + ":groups",
                      "[delivery] {}: consumer groups not ready: {}",
                      d.name(),
                      ar.cause().toString());
                }
              });
      return;
    }
    long now = clock.millis();
    boolean reclaim = now - lastReclaim >= reclaimEveryMillis;
    if (reclaim) {
      lastReclaim = now;
    }
    pollAll(reclaim);
  }

  private void pollAll(boolean reclaim) {
    backlog = false;
    Future<Void> chain = Future.succeededFuture();
    for (int p = 0; p < cursors.length; p++) {
      int partition = p;
      chain = chain.compose(v -> poll(partition, reclaim));
    }
    chain.onComplete(
        ar -> {
          polling = false;
          if (ar.failed() && drained == null) {
            LIMITED.warn(
                d.name() + ":poll",
                "[delivery] {}: poll failed: {}",
                d.name(),
                ar.cause().toString());
          } else if (backlog) {
            tick();
          }
        });
  }

  /**
   * Stops taking entries; completes when every attempt in flight has settled. Entries not settled
   * stay pending in the group (or leased in the retry schedule) and are reclaimed by other workers.
   */
  public Future<Void> stop() {
    drained = Promise.promise();
    if (inFlight == 0) {
      drained.tryComplete();
    }
    return drained.future();
  }

  private int free() {
    return d.breaker().permits(d.config().maxConcurrency() - inFlight, inFlight);
  }

  private Future<Void> poll(int p, boolean reclaim) {
    return dueRetries(p)
        .compose(v -> reclaim ? reclaim(p) : Future.succeededFuture())
        .compose(v -> readNew(p));
  }

  private Future<Void> dueRetries(int p) {
    int n = free();
    if (n == 0) {
      return Future.succeededFuture();
    }
    long now = clock.millis();
    return store
        .takeDue(d, p, now, now + leaseMillis, n)
        .map(
            entries -> {
              entries.forEach(e -> start(e, e.json()));
              return null;
            });
  }

  private Future<Void> reclaim(int p) {
    int n = free();
    if (n == 0) {
      return Future.succeededFuture();
    }
    return store
        .reclaim(d, p, consumer, leaseMillis, cursors[p], n)
        .compose(
            r -> {
              cursors[p] = r.cursor();
              return dispatch(p, r.entries());
            });
  }

  private Future<Void> readNew(int p) {
    int n = free();
    if (n == 0) {
      return Future.succeededFuture();
    }
    return store
        .readNew(d, p, consumer, n)
        .compose(
            entries -> {
              backlog |= entries.size() >= n;
              return dispatch(p, entries);
            });
  }

  private Future<Void> dispatch(int p, List<DeliveryEntry> entries) {
    List<String> skipped = new ArrayList<>();
    for (DeliveryEntry e : entries) {
      JsonObject event = e.json();
      if (d.route().matches(e.type(), event)) {
        start(e, event);
      } else {
        skipped.add(e.id());
      }
    }
    return store.skip(d, p, skipped);
  }

  private void start(DeliveryEntry e, JsonObject event) {
    String eventId = event == null ? e.id() : event.getString("id", e.id());
    inFlight++;
    sender
        .send(d, eventId, e.event())
        .compose(outcome -> settle(e, eventId, outcome))
        .onFailure(
            err ->
                LIMITED.warn(
                    d.name() + ":settle",
                    "[delivery] {}: outcome of entry {} not recorded, it will be retried: {}",
                    d.name(),
                    e.id(),
                    err.toString()))
        .onComplete(
            ar -> {
              inFlight--;
              if (drained != null && inFlight == 0) {
                drained.tryComplete();
              } else if (backlog && drained == null) {
                tick();
              }
            });
  }

  private Future<Void> settle(DeliveryEntry e, String eventId, AttemptOutcome outcome) {
    switch (outcome.kind()) {
      case DELIVERED -> {
        d.breaker().succeeded();
        metrics.delivered(d.name(), clock.millis() - e.acceptedAtMillis());
        LOG.debug("[delivery] {}: delivered event {}", d.name(), eventId);
        return store.done(d, e).mapEmpty();
      }
      case GONE -> {
        metrics.disabled(d.name());
        LOG.warn("[delivery] {}: answered 410 Gone; disabled until re-enabled", d.name());
        return states
            .disable(d, "410 Gone at " + clock.instant())
            .compose(v -> retryOrDeadLetter(e, eventId, outcome, 0));
      }
      case DEFERRED -> {
        LOG.debug("[delivery] {}: event {} not due yet", d.name(), eventId);
        return store.defer(d, e, clock.millis() + outcome.retryAfterMillis(), outcome).mapEmpty();
      }
      case THROTTLED -> {
        d.breaker().failed();
        return retryOrDeadLetter(e, eventId, outcome, outcome.retryAfterMillis());
      }
      default -> {
        d.breaker().failed();
        return retryOrDeadLetter(e, eventId, outcome, -1);
      }
    }
  }

  private Future<Void> retryOrDeadLetter(
      DeliveryEntry e, String eventId, AttemptOutcome outcome, long delayOverride) {
    metrics.failed(d.name(), outcome.status());
    int made = e.attempts() + 1;
    OptionalLong next = d.retries().nextDelayMillis(made);
    if (next.isEmpty()) {
      metrics.deadLettered(d.name());
      LIMITED.warn(
          d.name() + ":dead",
          "[delivery] {}: event {} dead-lettered after {} attempts ({})",
          d.name(),
          eventId,
          made,
          outcome.error());
      return store.dead(d, e, outcome, eventId).mapEmpty();
    }
    long delay = delayOverride >= 0 ? delayOverride : next.getAsLong();
    metrics.retried(d.name());
    LIMITED.warn(
        d.name() + ":failed",
        "[delivery] {}: event {} failed ({}), retry in {} ms",
        d.name(),
        eventId,
        outcome.error(),
        delay);
    return store.retry(d, e, clock.millis() + delay, outcome).mapEmpty();
  }
}
