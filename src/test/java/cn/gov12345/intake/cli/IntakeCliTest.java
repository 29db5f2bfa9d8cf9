package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code java -jar intake-gateway.jar …} does with its arguments, and its exit codes. */
class IntakeCliTest {

  @TempDir Path dir;
  final CliRun cli = new CliRun();

  @Test
  void noArgumentsServesWithTheDefaults() {
    assertThat(cli.run()).isZero();

    assertThat(cli.served).hasSize(1);
    assertThat(cli.served.get(0).http().port()).isEqualTo(8080);
  }

  @Test
  void serveAndItsOldNameRunReadTheConfigFile() throws IOException {
    Path file = Files.writeString(dir.resolve("my.yaml"), "http:\n  port: 18080\n");

    assertThat(cli.run("serve", "--config", file.toString())).isZero();
    assertThat(cli.run("run", "--config", file.toString())).isZero();
    assertThat(cli.run("--config", file.toString())).isZero();

    assertThat(cli.served).extracting(c -> c.http().port()).containsExactly(18080, 18080, 18080);
  }

  @Test
  void intakeConfigNamesTheFileWhenNoOptionDoes() throws IOException {
    Path file = Files.writeString(dir.resolve("env.yaml"), "http:\n  port: 18081\n");
    CliRun withEnv = new CliRun(Map.of("INTAKE_CONFIG", file.toString()), Clock.systemUTC());

    assertThat(withEnv.run()).isZero();

    assertThat(withEnv.served.get(0).http().port()).isEqualTo(18081);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpPrintsUsageWithEveryCommandAndTheExitCodesAndStartsNothing(String option) {
    assertThat(cli.run(option)).isZero();

    assertThat(cli.out())
        .contains("Usage: intake-gateway")
        .contains("serve", "sign", "check-config", "token", "wechat-push", "twilio-callback")
        .contains("Exit codes:")
        .contains("2   usage error");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void eachCommandHasItsOwnHelp() {
    assertThat(cli.run("sign", "--help")).isZero();

    assertThat(cli.out()).contains("Usage: intake-gateway sign").contains("--source");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void versionPrintsTheVersionAndStartsNothing() {
    assertThat(cli.run("--version")).isZero();

    assertThat(cli.out()).startsWith("intake-gateway ");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void aMistypedOptionIsAUsageErrorInsteadOfAServerWithDefaults() {
    assertThat(cli.run("--confg", "my.yaml")).isEqualTo(2);

    assertThat(cli.err())
        .contains("Unknown options: '--confg'")
        .contains("Possible solutions: --config");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(cli.run("serv")).isEqualTo(2);

    assertThat(cli.err()).contains("serv");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void anInvalidConfigurationExitsWithTwoListingTheProblemAndStartsNothing() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "http:\n  prot: 8080\n");

    assertThat(cli.run("serve", "--config", file.toString())).isEqualTo(2);

    assertThat(cli.err()).contains("prot");
    assertThat(cli.served).isEmpty();
  }

  @Test
  void aServerThatCannotStartExitsWithItsCode() {
    CliContext context =
        new CliContext(
            k -> null,
            new cn.gov12345.intake.config.ConfigLoader(k -> null)::load,
            Clock.systemUTC(),
            c -> 1);

    assertThat(IntakeCli.commandLine(context).execute("serve")).isEqualTo(1);
  }
}
