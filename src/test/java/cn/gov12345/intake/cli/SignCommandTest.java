package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `sign` subcommand a person uses to try the webhook channel by hand. */
class SignCommandTest {

  @TempDir Path dir;
  final GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).load(null);
  final CliRun cli = new CliRun();

  @Test
  void itPrintsHeadersWhoseSignatureVerifiesWithTheSourcesSecretAndACurlLine() throws IOException {
    Path body = dir.resolve("body.json");
    Files.writeString(body, "{\"text\":\"停水\"}", StandardCharsets.UTF_8);

    assertThat(cli.run("sign", "--source", "demo", "--file", body.toString(), "--id", "msg_1"))
        .isZero();

    String printed = cli.out();
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
    assertThat(cli.served).isEmpty();
  }

  @Test
  void anUnknownSourceOrAMissingFileOrOptionIsAUsageErrorNotACrash() {
    assertThat(cli.run("sign", "--source", "nobody", "--file", "x.json")).isEqualTo(2);
    assertThat(cli.err()).contains("nobody");
    assertThat(cli.run("sign", "--source", "demo", "--file", dir.resolve("none.json").toString()))
        .isEqualTo(2);
    assertThat(cli.err()).contains("cannot read");
    assertThat(cli.run("sign", "--source", "demo")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required option: '--file=BODY'");
    assertThat(cli.out()).isEmpty();
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
