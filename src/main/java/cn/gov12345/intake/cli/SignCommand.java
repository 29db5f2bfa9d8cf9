package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code sign --source S --file BODY [--url URL] [--id ID]}: signs a body with the source's first
 * secret and prints the Standard Webhooks headers and a ready-to-run curl line.
 */
public final class SignCommand {

  private SignCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(GatewayConfig config, List<String> args, PrintStream out, PrintStream err) {
    String source = option(args, "--source");
    String file = option(args, "--file");
    if (source == null || file == null) {
      err.println(
          "usage: intake-gateway sign --source SOURCE --file BODY.json [--url BASE_URL] [--id ID] [--config FILE]");
      return 2;
    }
    WebhookSourceConfig sourceConfig = config.channels().webhook().sources().get(source);
    if (sourceConfig == null) {
      err.println(
          "no webhook source '"
              + source
              + "' in the configuration; configured: "
              + config.channels().webhook().sources().keySet());
      return 2;
    }
    byte[] body;
    try {
      body = Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    String id = option(args, "--id") != null ? option(args, "--id") : "msg_" + UUID.randomUUID();
    long timestamp = Instant.now().getEpochSecond();
    String signature = StandardWebhooks.sign(sourceConfig.keys().get(0), id, timestamp, body);
    String base =
        option(args, "--url") != null
            ? option(args, "--url")
            : "http://localhost:" + config.http().port();
    print(out, base, source, file, id, timestamp, signature);
    return 0;
  }

  private static void print(
      PrintStream out,
      String base,
      String source,
      String file,
      String id,
      long timestamp,
      String signature) {
    out.println(StandardWebhooks.HEADER_ID + ": " + id);
    out.println(StandardWebhooks.HEADER_TIMESTAMP + ": " + timestamp);
    out.println(StandardWebhooks.HEADER_SIGNATURE + ": " + signature);
    out.println();
    out.println(
        "curl -i -X POST '"
            + base
            + "/channels/webhook/"
            + source
            + "'"
            + " -H 'Content-Type: application/json'"
            + " -H '"
            + StandardWebhooks.HEADER_ID
            + ": "
            + id
            + "'"
            + " -H '"
            + StandardWebhooks.HEADER_TIMESTAMP
            + ": "
            + timestamp
            + "'"
            + " -H '"
            + StandardWebhooks.HEADER_SIGNATURE
            + ": "
            + signature
            + "'"
            + " --data-binary @"
            + file);
  }

  private static String option(List<String> args, String name) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
  }
}
