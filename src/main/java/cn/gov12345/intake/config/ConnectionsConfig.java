package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * What one listener allows a TCP connection (both ports have their own): deadlines that close a
 * connection which stops making progress, and a cap on open connections per process.
 *
 * @param headerTimeout a new connection must complete its first request head within this
 * @param bodyTimeout a request body that has not ended closes its connection when no body byte
 *     arrived for this long: a progress deadline, not a total one, so a large tus upload over a
 *     slow link streams as long as it moves
 * @param idleTimeout a kept-alive connection with no request in flight is closed after this long
 *     (also bounds the head of every later request on it); keep it longer than the idle timeout of
 *     the proxy in front so the proxy never reuses a connection the gateway is closing
 * @param maxConnections open connections on this port per process; at the cap a new connection
 *     closes the one idle longest (no request in flight) or, when every one is busy, is refused:
 *     closed at once and counted in {@code intake_connections_refused_total}
 */
public record ConnectionsConfig(
    Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

  void validate(Problems p, String path) {
    RedisConfig.positive(p, headerTimeout, path + ".headerTimeout");
    RedisConfig.positive(p, bodyTimeout, path + ".bodyTimeout");
    RedisConfig.positive(p, idleTimeout, path + ".idleTimeout");
    p.require(
        maxConnections >= 1 && maxConnections <= 1_000_000,
        path + ".maxConnections",
        "must be 1..1000000");
  }
}
