package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sign --source S --file BODY [--url URL] [--id ID]}: signs a body with the source's first
 * secret and prints the Standard Webhooks headers and a ready-to-run curl line.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Sign a webhook body as a partner system would and print a curl line.")
final class SignCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Option(names = "--source", required = true, description = "configured webhook source")
  String source;

  @Option(names = "--file", required = true, paramLabel = "BODY", description = "JSON body file")
  Path file;

  @Option(names = "--url", description = "base URL (default: http://localhost:<http.port>)")
  String url;

  @Option(names = "--id", description = "webhook-id (default: msg_<random UUID>)")
  String id;

  private final CliContext context;

  SignCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    GatewayConfig loaded = config.load(context);
    PrintWriter err = spec.commandLine().getErr();
    WebhookSourceConfig sourceConfig = loaded.channels().webhook().sources().get(source);
    if (sourceConfig == null) {
      err.println(
          "no webhook source '"
              + source
              + "' in the configuration; configured: "
              + loaded.channels().webhook().sources().keySet());
      return IntakeCli.USAGE;
    }
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return IntakeCli.USAGE;
    }
    String messageId = id != null ? id : "msg_" + UUID.randomUUID();
    long timestamp = context.clock().instant().getEpochSecond();
    String signature =
        StandardWebhooks.sign(sourceConfig.keys().get(0), messageId, timestamp, body);
    String base = url != null ? url : "http://localhost:" + loaded.http().port();
    PrintWriter out = spec.commandLine().getOut();
    out.println(StandardWebhooks.HEADER_ID + ": " + messageId);
    out.println(StandardWebhooks.HEADER_TIMESTAMP + ": " + timestamp);
    out.println(StandardWebhooks.HEADER_SIGNATURE + ": " + signature);
    out.println();
    out.println(
        Curl.post(base + "/channels/webhook/" + source)
            .header("Content-Type", "application/json")
            .header(StandardWebhooks.HEADER_ID, messageId)
            .header(StandardWebhooks.HEADER_TIMESTAMP, Long.toString(timestamp))
            .header(StandardWebhooks.HEADER_SIGNATURE, signature)
            .dataFile(file.toString()));
    out.flush();
    return 0;
  }
}
