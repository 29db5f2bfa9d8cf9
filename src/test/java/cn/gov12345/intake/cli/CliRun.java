package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the command line as {@code java -jar} would, with captured output, an empty environment and
 * a {@code serve} that only records the configuration it was given.
 */
final class CliRun {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<GatewayConfig> served = new ArrayList<>();
  final Map<String, String> env;
  final Clock clock;

  CliRun(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  CliRun() {
    this(Map.of(), Clock.systemUTC());
  }

  int run(String... args) {
    ConfigLoader loader = new ConfigLoader(env::get);
    CommandLine line =
        IntakeCli.commandLine(
            new CliContext(
                env::get,
                loader::load,
                clock,
                config -> {
                  served.add(config);
                  return 0;
                }));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
