package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.List;

/**
 * The public listener.
 *
 * @param host bind address
 * @param port TCP port (0 picks a free one)
 * @param eventLoops HTTP verticle instances, 0 = one per core
 * @param shutdownGrace how long in-flight requests may take to finish on shutdown
 * @param drainDelay on shutdown, how long the port keeps serving after readiness went down (the
 *     endpoint propagation delay of the load balancer in front), before it stops accepting
 * @param publicBaseUrl the URL senders use (behind a proxy); empty = derived from host and port
 * @param trustedProxies CIDRs of the reverse proxies whose {@code X-Forwarded-For} is believed
 *     (empty = the peer address is the client)
 * @param connections deadlines and the connection cap of the public port
 * @param cors the origins browser clients may call the public APIs from (none by default)
 */
public record HttpConfig(
    String host,
    int port,
    int eventLoops,
    Duration shutdownGrace,
    Duration drainDelay,
    String publicBaseUrl,
    List<String> trustedProxies,
    ConnectionsConfig connections,
    CorsConfig cors) {

  private static final Duration MAX_DRAIN = Duration.ofMinutes(2);

  public HttpConfig {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    cors = cors == null ? CorsConfig.none() : cors;
  }

  /**
   * Whether senders reach the gateway over HTTPS ({@code publicBaseUrl} starts with {@code
   * https://}): then cookies it sets are {@code Secure}.
   */
  public boolean servedOverHttps() {
    return publicBaseUrl != null && publicBaseUrl.strip().regionMatches(true, 0, "https://", 0, 8);
  }

  void validate(Problems p) {
    p.require(host != null && !host.isBlank(), "http.host", "must not be empty");
    p.port(port, "http.port");
    p.require(eventLoops >= 0 && eventLoops <= 256, "http.eventLoops", "must be 0..256");
    p.require(
        shutdownGrace != null && !shutdownGrace.isNegative(),
        "http.shutdownGrace",
        "must be a non-negative duration");
    p.require(
        drainDelay != null && !drainDelay.isNegative() && drainDelay.compareTo(MAX_DRAIN) <= 0,
        "http.drainDelay",
        "must be a duration from 0s to " + MAX_DRAIN.toSeconds() + "s");
    if (connections == null) {
      p.add("http.connections", "is required");
    } else {
      connections.validate(p, "http.connections");
    }
    cors.validate(p);
    for (String cidr : trustedProxies) {
      p.require(Cidr.parse(cidr).isPresent(), "http.trustedProxies", "not a CIDR: " + cidr);
    }
  }
}
