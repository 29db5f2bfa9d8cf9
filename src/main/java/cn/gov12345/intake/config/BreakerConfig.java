package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * The per-destination circuit breaker.
 *
 * @param failures this many failed attempts in a row open the breaker
 * @param probeAfter while open, one probe request is let through this long after the last failure
 */
public record BreakerConfig(int failures, Duration probeAfter) {

  void validate(Problems p) {
    p.require(failures >= 1, "delivery.breaker.failures", "must be at least 1");
    RedisConfig.positive(p, probeAfter, "delivery.breaker.probeAfter");
  }
}
