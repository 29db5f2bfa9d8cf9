package cn.gov12345.intake;

import cn.gov12345.intake.cli.SignCommand;
import cn.gov12345.intake.config.ConfigException;
import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line: {@code intake-gateway [run] [--config FILE]} starts the gateway; {@code
 * intake-gateway sign --source S --file BODY [--config FILE] [--url URL]} prints a signed request
 * for trying the webhook channel by hand.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    String command = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.remove(0) : "run";
    Path configFile = configFile(rest);
    GatewayConfig config;
    try {
      config = ConfigLoader.fromEnvironment(configFile);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    switch (command) {
      case "run" -> run(config);
      case "sign" -> System.exit(SignCommand.run(config, rest, System.out, System.err));
      default -> {
        System.err.println("usage: intake-gateway [run|sign] [--config FILE] …");
        System.exit(2);
      }
    }
  }

  private static Path configFile(List<String> args) {
    int at = args.indexOf("--config");
    if (at >= 0 && at + 1 < args.size()) {
      String file = args.get(at + 1);
      args.subList(at, at + 2).clear();
      return Path.of(file);
    }
    String fromEnv = System.getenv("INTAKE_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }

  private static void run(GatewayConfig config) {
    Gateway gateway;
    try {
      gateway = Gateway.start(config, Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      LOG.error("[startup] the gateway could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("[shutdown] finishing in-flight requests, then stopping");
                  gateway.stop();
                  LOG.info("[shutdown] stopped");
                },
                "intake-shutdown"));
  }
}
