package cn.gov12345.intake.delivery;

import cn.gov12345.intake.config.DeliveryConfig;
import cn.gov12345.intake.config.DestinationConfig;
import cn.gov12345.intake.metrics.DeliveryMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configured destination, built once and shared by the delivery verticle (which drives them)
 * and the management port (which shows and changes their state).
 */
public final class Deliveries {

  private final DeliveryConfig config;
  private final Map<String, Destination> destinations;
  private final DeliveryMetrics metrics;

  public Deliveries(DeliveryConfig config, DeliveryMetrics metrics, Clock clock) {
    this(config, Map.of(), metrics, clock);
  }

  /**
   * @param builtIn the gateway's own destinations (the {@code replies} worker), driven like the
   *     configured ones; a configured destination of the same name is refused by the config check
   */
  public Deliveries(
      DeliveryConfig config,
      Map<String, DestinationConfig> builtIn,
      DeliveryMetrics metrics,
      Clock clock) {
    this.config = config;
    this.metrics = metrics;
    Map<String, Destination> byName = new LinkedHashMap<>();
    Map<String, DestinationConfig> all = new LinkedHashMap<>(config.destinations());
    all.putAll(builtIn);
    all.forEach(
        (name, d) ->
            byName.put(name, new Destination(name, d, config.jitter(), config.breaker(), clock)));
    this.destinations = Map.copyOf(byName);
  }

  public DeliveryConfig config() {
    return config;
  }

  public DeliveryMetrics metrics() {
    return metrics;
  }

  /** Every destination, in name order. */
  public Collection<Destination> all() {
    List<Destination> sorted = new ArrayList<>(destinations.values());
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    return sorted;
  }

  /** A destination by name, or null. */
  public Destination get(String name) {
    return destinations.get(name);
  }

  public boolean isEmpty() {
    return destinations.isEmpty();
  }

  /** Sets every destination's disabled state from Redis's (absent = enabled). */
  public void refreshDisabled(Map<String, String> disabled) {
    destinations.forEach((name, d) -> d.disabledReason(disabled.get(name)));
  }
}
