package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `sign` subcommand a person uses to try the webhook channel by hand. */
class SignCommandTest {

  @TempDir Path dir;
  final GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).load(null);
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return SignCommand.run(
        config,
        new ArrayList<>(List.of(args)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void itPrintsHeadersWhoseSignatureVerifiesWithTheSourcesSecretAndACurlLine() throws IOException {
    Path body = dir.resolve("body.json");
    Files.writeString(body, "{\"text\":\"停水\"}", StandardCharsets.UTF_8);

    assertThat(run("--source", "demo", "--file", body.toString(), "--id", "msg_1")).isZero();

    String printed = out.toString(StandardCharsets.UTF_8);
    String timestamp = header(printed, StandardWebhooks.HEADER_TIMESTAMP);
    String signature = header(printed, StandardWebhooks.HEADER_SIGNATURE);
    List<byte[]> keys = config.channels().webhook().sources().get("demo").keys();
    assertThat(
            StandardWebhooks.verify(
                keys, "msg_1", Long.parseLong(timestamp), Files.readAllBytes(body), signature))
        .isTrue();
    assertThat(printed)
        .contains("curl -i -X POST 'http://localhost:8080/channels/webhook/demo'")
        .contains("--data-binary @" + body);
  }

  @Test
  void anUnknownSourceOrAMissingFileIsAUsageErrorNotACrash() {
    assertThat(run("--source", "nobody", "--file", "x.json")).isEqualTo(2);
    assertThat(run("--source", "demo", "--file", dir.resolve("missing.json").toString()))
        .isEqualTo(2);
    assertThat(run("--source", "demo")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nobody").contains("usage");
  }

  private static String header(String printed, String name) {
    return printed
        .lines()
        .filter(l -> l.startsWith(name + ": "))
        .findFirst()
        .orElseThrow()
        .substring(name.length() + 2);
  }
}
