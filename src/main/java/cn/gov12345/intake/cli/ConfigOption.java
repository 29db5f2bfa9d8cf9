package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command shares ({@code INTAKE_CONFIG} otherwise). */
public final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "operator YAML laid over the defaults (default: $INTAKE_CONFIG)")
  Path file;

  /** Loads and validates the configuration; a {@code ConfigException} exits with status 2. */
  GatewayConfig load(CliContext context) {
    Path chosen = file;
    if (chosen == null) {
      String fromEnv = context.env().apply("INTAKE_CONFIG");
      chosen = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
    return context.loader().apply(chosen);
  }
}
