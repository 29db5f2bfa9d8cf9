package cn.gov12345.intake.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sampled state of push delivery, per destination, as gauges (set by a periodic sampler on the
 * management port, never computed on a scrape):
 *
 * <ul>
 *   <li>{@code intake_delivery_backlog{destination}} tickets the destination's consumer group has
 *       not read yet, summed over the partitions
 *   <li>{@code intake_delivery_pending{destination}} read by a worker, not settled yet
 *   <li>{@code intake_delivery_retry_scheduled{destination}} waiting in the retry schedule
 *   <li>{@code intake_delivery_dead_letters{destination}} in the dead-letter stream
 *   <li>{@code intake_delivery_oldest_unacked_age_seconds{destination}} how long ago the oldest
 *       ticket not delivered yet (unread, pending or scheduled for a retry) was accepted; 0 = none
 *   <li>{@code intake_delivery_gauges_sampled_timestamp_seconds} when the last sample completed (a
 *       stale value means Redis did not answer the sampler)
 * </ul>
 */
public final class DeliveryGauges {

  private final MeterRegistry registry;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private volatile double sampledAt;

  /** One destination's sampled values. */
  public record Sample(
      long backlog, long pending, long retryScheduled, long deadLetters, double oldestAgeSeconds) {}

  public DeliveryGauges(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("intake.delivery.gauges.sampled.timestamp.seconds", this, g -> g.sampledAt)
        .register(registry);
  }

  /** Publishes one destination's sample (registers its gauges on first use). */
  public void publish(String destination, Sample sample) {
    if (samples.put(destination, sample) == null) {
      gauge("intake.delivery.backlog", destination, s -> s.backlog());
      gauge("intake.delivery.pending", destination, s -> s.pending());
      gauge("intake.delivery.retry.scheduled", destination, s -> s.retryScheduled());
      gauge("intake.delivery.dead.letters", destination, s -> s.deadLetters());
      gauge("intake.delivery.oldest.unacked.age.seconds", destination, Sample::oldestAgeSeconds);
    }
  }

  /** Marks a complete sample of every destination, at {@code epochMillis}. */
  public void sampled(long epochMillis) {
    sampledAt = epochMillis / 1000.0;
  }

  /** The last sample of a destination, or null. */
  public Sample last(String destination) {
    return samples.get(destination);
  }

  private void gauge(
      String name, String destination, java.util.function.ToDoubleFunction<Sample> value) {
    Gauge.builder(name, samples, m -> value.applyAsDouble(m.get(destination)))
        .tag("destination", destination)
        .register(registry);
  }
}
