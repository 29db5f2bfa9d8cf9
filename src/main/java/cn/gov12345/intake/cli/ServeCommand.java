package cn.gov12345.intake.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve [--config FILE]}: starts the gateway (also what no command at all does). */
@Command(
    name = "serve",
    aliases = "run",
    mixinStandardHelpOptions = true,
    description = "Start the gateway (public port, management port, Redis).")
final class ServeCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  private final CliContext context;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return context.server().applyAsInt(config.load(context));
  }
}
