package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Push delivery of the ticket stream to downstream systems (signed webhooks).
 *
 * @param adminToken bearer token of the admin API on the management port; empty = admin API off
 * @param pollInterval how often every destination polls its consumer group (non-blocking reads)
 * @param reclaimMargin an entry a worker holds longer than its destination's request timeout plus
 *     this margin is taken over by another worker (XAUTOCLAIM)
 * @param jitter retry delays vary by up to this fraction either way (0 = exact schedule)
 * @param breaker when a failing destination is left alone
 * @param destinations downstream systems by name; none by default
 * @param gaugeInterval how often the management port samples the delivery gauges (backlog, pending,
 *     retries, dead letters, oldest unacked age) from Redis; null = 15 s
 */
public record DeliveryConfig(
    Secret adminToken,
    Duration pollInterval,
    Duration reclaimMargin,
    double jitter,
    BreakerConfig breaker,
    Map<String, DestinationConfig> destinations,
    Duration gaugeInterval) {

  private static final int MIN_TOKEN_LENGTH = 24;
  private static final Duration DEFAULT_GAUGE_INTERVAL = Duration.ofSeconds(15);

  public DeliveryConfig {
    adminToken = adminToken == null ? Secret.of("") : adminToken;
    destinations = destinations == null ? Map.of() : Map.copyOf(new TreeMap<>(destinations));
    gaugeInterval = gaugeInterval == null ? DEFAULT_GAUGE_INTERVAL : gaugeInterval;
  }

  /** Whether the admin API accepts requests at all (a token is configured). */
  public boolean adminEnabled() {
    return !adminToken.isBlank();
  }

  void validate(Problems p, boolean production) {
    if (!adminToken.isBlank()) {
      p.require(
          adminToken.reveal().length() >= MIN_TOKEN_LENGTH,
          "delivery.adminToken",
          "must be at least " + MIN_TOKEN_LENGTH + " characters");
      p.require(
          !production || !adminToken.isPlaceholder(),
          "delivery.adminToken",
          "is a development placeholder; production needs a real token");
    }
    RedisConfig.positive(p, pollInterval, "delivery.pollInterval");
    RedisConfig.positive(p, reclaimMargin, "delivery.reclaimMargin");
    RedisConfig.positive(p, gaugeInterval, "delivery.gaugeInterval");
    p.require(jitter >= 0 && jitter < 1, "delivery.jitter", "must be in [0, 1)");
    if (breaker == null) {
      p.add("delivery.breaker", "is required");
    } else {
      breaker.validate(p);
    }
    p.named(
        destinations,
        "delivery.destinations",
        "destination",
        (path, destination) -> destination.validate(p, path, production));
  }
}
