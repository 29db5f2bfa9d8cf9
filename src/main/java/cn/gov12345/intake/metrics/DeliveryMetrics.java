package cn.gov12345.intake.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of push delivery, per destination:
 *
 * <ul>
 *   <li>{@code intake_delivery_delivered_total{destination}} answered 2xx
 *   <li>{@code intake_delivery_failed_total{destination,status}} failed attempts by status class
 *       ({@code 3xx}, {@code 4xx}, {@code 5xx}, {@code none} for timeouts and connection errors)
 *   <li>{@code intake_delivery_retried_total{destination}} attempts scheduled for a retry
 *   <li>{@code intake_delivery_dead_lettered_total{destination}} events moved to the DLQ
 *   <li>{@code intake_delivery_disabled_total{destination}} destinations disabled by a 410
 *   <li>{@code intake_delivery_latency_seconds{destination}} accept to 2xx (histogram)
 * </ul>
 */
public final class DeliveryMetrics {

  private final MeterRegistry registry;
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One event delivered, {@code millis} after it was accepted. */
  public void delivered(String destination, long millis) {
    registry.counter("intake.delivery.delivered", "destination", destination).increment();
    latencies
        .computeIfAbsent(
            destination,
            d ->
                Timer.builder("intake.delivery.latency")
                    .tag("destination", d)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofHours(1))
                    .register(registry))
        .record(Duration.ofMillis(Math.max(0, millis)));
  }

  /** One failed attempt; {@code status} 0 = no HTTP answer. */
  public void failed(String destination, int status) {
    String statusClass = status == 0 ? "none" : (status / 100) + "xx";
    registry
        .counter("intake.delivery.failed", "destination", destination, "status", statusClass)
        .increment();
  }

  public void retried(String destination) {
    registry.counter("intake.delivery.retried", "destination", destination).increment();
  }

  public void deadLettered(String destination) {
    registry.counter("intake.delivery.dead.lettered", "destination", destination).increment();
  }

  public void disabled(String destination) {
    registry.counter("intake.delivery.disabled", "destination", destination).increment();
  }
}
