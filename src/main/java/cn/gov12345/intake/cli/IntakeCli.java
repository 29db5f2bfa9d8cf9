package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The command line: {@code intake-gateway [serve] [--config FILE]} starts the gateway (the default
 * when no command is named), the other commands print and exit. Exit codes: 0 done (or serving), 1
 * the gateway could not start, 2 a usage error (unknown option or command, missing argument) or an
 * invalid configuration.
 */
@Command(
    name = "intake-gateway",
    mixinStandardHelpOptions = true,
    versionProvider = IntakeCli.Version.class,
    description = "The intake gateway of the 12345 hotline. Without a command: serve.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (serve: the gateway runs until SIGTERM)",
      "1:the gateway could not start",
      "2:usage error (unknown option or command, missing argument) or invalid configuration"
    })
public final class IntakeCli implements Callable<Integer> {

  public static final int USAGE = 2;

  @Mixin ConfigOption config;

  private final CliContext context;

  private IntakeCli(CliContext context) {
    this.context = context;
  }

  /** The command line with every subcommand, ready to {@code execute(args)}. */
  public static CommandLine commandLine(CliContext context) {
    CommandLine line = new CommandLine(new IntakeCli(context));
    line.addSubcommand("serve", new ServeCommand(context));
    line.addSubcommand("sign", new SignCommand(context));
    line.addSubcommand("check-config", new CheckConfigCommand(context));
    line.addSubcommand("token", new TokenCommand(context));
    line.addSubcommand("wechat-push", new WechatPushCommand(context));
    line.addSubcommand("twilio-callback", new TwilioCallbackCommand(context));
    line.addSubcommand("replay", new ReplayCommand(context));
    line.setExecutionExceptionHandler(
        (e, cl, parsed) -> {
          if (e instanceof ConfigException) {
            cl.getErr().println(e.getMessage());
            return USAGE;
          }
          throw e;
        });
    return line;
  }

  @Override
  public Integer call() {
    return context.server().applyAsInt(config.load(context));
  }

  /** The version from the jar's manifest ({@code development} when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = IntakeCli.class.getPackage().getImplementationVersion();
      return new String[] {"intake-gateway " + (version == null ? "development" : version)};
    }
  }
}
