package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redis.durability}: what a 2xx is worth (docs/durability.md). */
class DurabilityConfigTest {

  @TempDir Path dir;

  GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(name -> null).load(file);
  }

  ConfigException problemsOf(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml));
  }

  @Test
  void durabilityIsEverysecByDefaultFsyncOnTheBundledServerAndNothingElse() throws IOException {
    assertThat(load("").redis().durability()).isEqualTo(Durability.EVERYSEC);
    assertThat(load("redis:\n  durability: fsync\n").redis().durability())
        .isEqualTo(Durability.FSYNC);

    assertThat(problemsOf("redis:\n  durability: always\n").problems())
        .anyMatch(p -> p.contains("redis.durability"));
    assertThat(
            problemsOf("redis:\n  url: redis://127.0.0.1:6379\n  durability: fsync\n").problems())
        .anyMatch(p -> p.contains("redis.durability") && p.contains("bundled redis-server"));
  }

  @Test
  void theLevelIsShownByToString() throws IOException {
    assertThat(load("redis:\n  durability: fsync\n").redis().toString())
        .contains("durability=FSYNC");
  }
}
