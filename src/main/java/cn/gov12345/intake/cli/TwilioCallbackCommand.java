package cn.gov12345.intake.cli;

import cn.gov12345.intake.channel.telephony.TwilioSignature;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.TwilioAccountConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twilio-callback --account NAME [--from NUMBER]}: the incoming-call {@code voice} webhook
 * of a configured Twilio account, signed with its auth token over {@code publicBaseUrl}, as a curl
 * line (sent to {@code --url}, the URL the gateway is reached at, which may differ from the signed
 * one behind a proxy).
 */
@Command(
    name = "twilio-callback",
    mixinStandardHelpOptions = true,
    description = "Print a signed sample Twilio incoming-call webhook for an account as curl.")
final class TwilioCallbackCommand implements Callable<Integer> {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Option(names = "--account", required = true, description = "channels.telephony.twilio key")
  String account;

  @Option(names = "--from", description = "the caller (default: ${DEFAULT-VALUE})")
  String from = "+8613800138000";

  @Option(names = "--to", description = "the hotline number (default: ${DEFAULT-VALUE})")
  String to = "+8610012345";

  @Option(names = "--url", description = "where to send it (default: the account's publicBaseUrl)")
  String url;

  private final CliContext context;

  TwilioCallbackCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    GatewayConfig loaded = config.load(context);
    TwilioAccountConfig a = loaded.channels().telephony().twilio().get(account);
    if (a == null) {
      spec.commandLine()
          .getErr()
          .println(
              "no Twilio account '"
                  + account
                  + "' in the configuration; configured: "
                  + loaded.channels().telephony().twilio().keySet());
      return IntakeCli.USAGE;
    }
    byte[] sid = new byte[16];
    RANDOM.nextBytes(sid);
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("AccountSid", List.of(a.accountSid()));
    form.put("ApiVersion", List.of("2010-04-01"));
    form.put("CallSid", List.of("CA" + HexFormat.of().formatHex(sid)));
    form.put("CallStatus", List.of("ringing"));
    form.put("Direction", List.of("inbound"));
    form.put("From", List.of(from));
    form.put("Caller", List.of(from));
    form.put("To", List.of(to));
    form.put("Called", List.of(to));
    String path = "/channels/telephony/twilio/" + account + "/voice";
    String signature = TwilioSignature.sign(a.authToken().reveal(), a.publicBaseUrl() + path, form);
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().get(0), UTF8))
            .collect(Collectors.joining("&"));
    String base = url != null ? url : a.publicBaseUrl();
    spec.commandLine()
        .getOut()
        .println(
            Curl.post(base + path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(TwilioSignature.HEADER, signature)
                .data(body));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
