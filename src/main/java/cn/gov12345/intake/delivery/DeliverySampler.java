package cn.gov12345.intake.delivery;

import cn.gov12345.intake.metrics.DeliveryGauges;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Samples the delivery gauges of every destination ({@link DeliveryGauges}): one script per
 * partition ({@code delivery_gauges.lua}, every destination at once, all keys of the partition's
 * hash tag), the partitions in parallel, summed per destination. Run periodically by the management
 * port; a scrape never touches Redis.
 *
 * <p>The backlog is the consumer group's lag where Redis keeps it ({@code XINFO GROUPS} on Redis
 * 7); on Redis 6.2 the unread entries are counted, up to {@link #COUNT_CAP} per partition (a larger
 * backlog shows as the cap: still far above any alert threshold).
 */
public final class DeliverySampler {

  /** Unread entries counted at most per partition where Redis does not keep the lag. */
  public static final int COUNT_CAP = 10_000;

  private static final LuaScript GAUGES = LuaScript.load("delivery_gauges");

  private final StreamKeys keys;
  private final Deliveries deliveries;
  private final DeliveryGauges gauges;
  private final Clock clock;
  private final Function<Request, Future<Response>> sender;

  public DeliverySampler(
      StreamKeys keys,
      Deliveries deliveries,
      DeliveryGauges gauges,
      Clock clock,
      Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.deliveries = deliveries;
    this.gauges = gauges;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * Samples every destination once and publishes the gauges.
   *
   * @return fails when Redis does not answer (the gauges then keep their last values, and {@code
   *     intake_delivery_gauges_sampled_timestamp_seconds} stops advancing)
   */
  public Future<Void> sampleOnce() {
    List<Destination> all = List.copyOf(deliveries.all());
    if (all.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Response>> parts = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      parts.add(GAUGES.run(scriptKeys(p, all), r -> args(r, all), sender));
    }
    return Future.all(parts).map(done -> publish(all, parts));
  }

  private String[] scriptKeys(int p, List<Destination> all) {
    String[] k = new String[1 + 2 * all.size()];
    k[0] = keys.tickets(p);
    for (int i = 0; i < all.size(); i++) {
      k[1 + 2 * i] = keys.retrySchedule(p, all.get(i).name());
      k[2 + 2 * i] = keys.deadLetters(p, all.get(i).name());
    }
    return k;
  }

  private static Request args(Request r, List<Destination> all) {
    r.arg(COUNT_CAP);
    all.forEach(d -> r.arg(d.group()));
    return r;
  }

  private Void publish(List<Destination> all, List<Future<Response>> parts) {
    long now = clock.millis();
    for (int i = 0; i < all.size(); i++) {
      long backlog = 0;
      long pending = 0;
      long retries = 0;
      long dead = 0;
      long oldest = Long.MAX_VALUE;
      for (Future<Response> part : parts) {
        Response r = part.result().get(i);
        backlog += r.get(0).toLong();
        pending += r.get(1).toLong();
        retries += r.get(2).toLong();
        dead += r.get(3).toLong();
        String ms = r.get(4).toString();
        if (!ms.isEmpty()) {
          oldest = Math.min(oldest, Long.parseLong(ms));
        }
      }
      double age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest) / 1000.0;
      gauges.publish(
          all.get(i).name(), new DeliveryGauges.Sample(backlog, pending, retries, dead, age));
    }
    gauges.sampled(now);
    return null;
  }
}
