package cn.gov12345.intake;

import cn.gov12345.intake.cli.CliContext;
import cn.gov12345.intake.cli.IntakeCli;
import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: the command line ({@link IntakeCli}, picocli) with {@code serve} wired to {@link
 * Gateway}. Every command but a running {@code serve} exits with its exit code.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final AtomicBoolean SERVING = new AtomicBoolean();

  private Main() {}

  public static void main(String[] args) {
    int code =
        IntakeCli.commandLine(
                new CliContext(
                    System::getenv, ConfigLoader::fromEnvironment, Clock.systemUTC(), Main::run))
            .execute(args);
    if (code != 0 || !SERVING.get()) {
      System.exit(code);
    }
  }

  private static int run(GatewayConfig config) {
    Gateway gateway;
    try {
      gateway = Gateway.start(config, Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      LOG.error("[startup] the gateway could not start: {}", e.getMessage(), e);
      return 1;
    }
    SERVING.set(true);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("[shutdown] finishing in-flight requests, then stopping");
                  gateway.stop();
                  LOG.info("[shutdown] stopped");
                },
                "intake-shutdown"));
    return 0;
  }
}
