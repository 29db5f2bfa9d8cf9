package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http.connections} and {@code management.connections} (docs/connections.md). */
class ConnectionsConfigTest {

  @TempDir Path dir;

  GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(name -> null).load(file);
  }

  @Test
  void bothPortsHaveDeadlinesAndACapByDefault() throws IOException {
    GatewayConfig config = load("");

    assertThat(config.http().connections())
        .isEqualTo(
            new ConnectionsConfig(
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(75), 10_000));
    assertThat(config.management().connections())
        .isEqualTo(
            new ConnectionsConfig(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(75), 256));
  }

  @Test
  void anOperatorSetsOneValueAndKeepsTheOthers() throws IOException {
    ConnectionsConfig connections =
        load("http:\n  connections:\n    maxConnections: 500\n").http().connections();

    assertThat(connections.maxConnections()).isEqualTo(500);
    assertThat(connections.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void zeroDeadlinesAndCapsAreRefusedWithTheirPaths() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    "http:\n  connections:\n    headerTimeout: 0s\n    maxConnections: 0\n"
                        + "management:\n  connections:\n    idleTimeout: 0s\n"));

    assertThat(e.problems())
        .anyMatch(p -> p.contains("http.connections.headerTimeout"))
        .anyMatch(p -> p.contains("http.connections.maxConnections"))
        .anyMatch(p -> p.contains("management.connections.idleTimeout"));
  }
}
