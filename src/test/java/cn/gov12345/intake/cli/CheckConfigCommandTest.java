package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-config FILE}: the effective configuration an operator file gives, or its errors. */
class CheckConfigCommandTest {

  static final String SECRET = "whsec_Y2hlY2stY29uZmlnLXRlc3Qtc2VjcmV0LTAxMjM0NTY3ODk=";

  @TempDir Path dir;
  final CliRun cli = new CliRun();

  @Test
  void aValidFilePrintsTheMergedConfigAsYamlWithEverySecretRedacted() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("ops.yaml"),
            "http:\n  port: 18443\nredis:\n  url: redis://:hunter2-redis-password@redis:6379\n"
                + "channels:\n  webhook:\n    sources:\n      district:\n        secrets: [\""
                + SECRET
                + "\"]\n");

    assertThat(cli.run("check-config", file.toString())).isZero();

    JsonNode printed = new ObjectMapper(new YAMLFactory()).readTree(cli.out());
    assertThat(printed.at("/http/port").asInt()).isEqualTo(18443);
    assertThat(printed.at("/management/port").asInt()).as("defaults kept").isEqualTo(9090);
    assertThat(printed.at("/channels/webhook/sources/district/secrets/0").asText())
        .isEqualTo("<redacted>");
    assertThat(printed.at("/redis/url").asText()).isEqualTo("<redacted>");
    assertThat(printed.at("/stream/dedupTtl").asText()).isEqualTo("PT48H");
    assertThat(printed.at("/redis/embedded/maxMemory").asText()).isEqualTo("1gb");
    assertThat(cli.out())
        .doesNotContain(SECRET)
        .doesNotContain("hunter2")
        .doesNotContain("dev-only")
        .as("the demo source is replaced whole")
        .doesNotContain("demo");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void anInvalidFileExitsWithTwoListingEveryProblemAndPrintsNoConfig() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"), "http:\n  prot: 8080\nstream:\n  partitions: 0\n");

    assertThat(cli.run("check-config", file.toString())).isEqualTo(2);

    assertThat(cli.err()).contains("prot").contains("partitions");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aMissingFileOrNoFileIsAUsageError() {
    assertThat(cli.run("check-config", dir.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(cli.err()).contains("cannot read");
    assertThat(cli.run("check-config")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required parameter: 'FILE'");
    assertThat(cli.out()).isEmpty();
  }
}
