package cn.gov12345.intake.config;

/**
 * The management listener (health, readiness, Prometheus metrics) that k8s probes use.
 *
 * @param host bind address
 * @param port TCP port (0 picks a free one)
 * @param connections deadlines and the connection cap of the management port (its own, so a flood
 *     of the public port cannot use up the probes' share)
 */
public record ManagementConfig(String host, int port, ConnectionsConfig connections) {

  void validate(Problems p) {
    p.require(host != null && !host.isBlank(), "management.host", "must not be empty");
    p.port(port, "management.port");
    if (connections == null) {
      p.add("management.connections", "is required");
    } else {
      connections.validate(p, "management.connections");
    }
  }
}
