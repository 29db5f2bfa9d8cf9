package cn.gov12345.intake.delivery;

import cn.gov12345.intake.config.BreakerConfig;
import cn.gov12345.intake.config.DestinationConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.signing.HmacKey;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One configured destination, ready to use: its consumer group, route, retry policy, signing keys,
 * circuit breaker, and whether it is disabled (a 410, or the admin API; the state lives in Redis
 * and every replica refreshes its copy).
 */
public final class Destination {

  private static final String GROUP_PREFIX = "delivery:";

  private final String name;
  private final DestinationConfig config;
  private final Route route;
  private final RetryPolicy retries;
  private final List<HmacKey> keys;
  private final CircuitBreaker breaker;
  private volatile String disabledReason;

  public Destination(
      String name, DestinationConfig config, double jitter, BreakerConfig breaker, Clock clock) {
    this.name = name;
    this.config = config;
    this.route = new Route(config.eventTypes(), config.route());
    this.retries =
        new RetryPolicy(
            config.retrySchedule(), jitter, () -> ThreadLocalRandom.current().nextDouble());
    this.keys =
        config.secrets().stream().map(WebhookSourceConfig::keyOf).map(HmacKey::new).toList();
    this.breaker = new CircuitBreaker(breaker.failures(), breaker.probeAfter().toMillis(), clock);
  }

  public String name() {
    return name;
  }

  public DestinationConfig config() {
    return config;
  }

  /** The consumer group of this destination on every partition's tickets stream. */
  public String group() {
    return GROUP_PREFIX + name;
  }

  public Route route() {
    return route;
  }

  public RetryPolicy retries() {
    return retries;
  }

  public List<HmacKey> keys() {
    return keys;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** Why it is disabled, or null while it is enabled. */
  public String disabledReason() {
    return disabledReason;
  }

  public boolean enabled() {
    return disabledReason == null;
  }

  /** Sets this replica's copy of the disabled state (null = enabled). */
  public void disabledReason(String reason) {
    this.disabledReason = reason;
  }
}
