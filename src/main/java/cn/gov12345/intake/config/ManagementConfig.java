package cn.gov12345.intake.config;

/**
 * The management listener (health, readiness, Prometheus metrics) that k8s probes use.
 *
 * @param host bind address
 * @param port TCP port (0 picks a free one)
 */
public record ManagementConfig(String host, int port) {

  void validate(Problems p) {
    p.require(host != null && !host.isBlank(), "management.host", "must not be empty");
    p.port(port, "management.port");
  }
}
