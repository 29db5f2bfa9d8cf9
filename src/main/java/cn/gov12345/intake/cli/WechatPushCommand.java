package cn.gov12345.intake.cli;

import cn.gov12345.intake.channel.wechat.WechatSamplePush;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.WechatAccountConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wechat-push --account NAME [--text T]}: a text message push for a configured official
 * account, signed (and in compatible/safe mode encrypted) as WeChat would send it, as a curl line.
 */
@Command(
    name = "wechat-push",
    mixinStandardHelpOptions = true,
    description = "Print a signed sample WeChat text push for a configured account as curl.")
final class WechatPushCommand implements Callable<Integer> {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Option(names = "--account", required = true, description = "channels.wechat.accounts key")
  String account;

  @Option(names = "--text", description = "message text (default: ${DEFAULT-VALUE})")
  String text = "小区门口的路灯坏了，晚上很危险。";

  @Option(names = "--openid", description = "the sender's openid (default: ${DEFAULT-VALUE})")
  String openid = "oDevSample0000000000000000000";

  @Option(names = "--url", description = "base URL (default: http://localhost:<http.port>)")
  String url;

  private final CliContext context;

  WechatPushCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    GatewayConfig loaded = config.load(context);
    WechatAccountConfig a = loaded.channels().wechat().accounts().get(account);
    if (a == null) {
      spec.commandLine()
          .getErr()
          .println(
              "no WeChat account '"
                  + account
                  + "' in the configuration; configured: "
                  + loaded.channels().wechat().accounts().keySet());
      return IntakeCli.USAGE;
    }
    long now = context.clock().instant().getEpochSecond();
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    long msgId = 1_000_000_000_000L + RANDOM.nextInt(1_000_000_000);
    String xml =
        "<xml><ToUserName><![CDATA["
            + a.appId()
            + "]]></ToUserName><FromUserName><![CDATA["
            + openid
            + "]]></FromUserName><CreateTime>"
            + now
            + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
            + text
            + "]]></Content><MsgId>"
            + msgId
            + "</MsgId></xml>";
    WechatSamplePush push =
        WechatSamplePush.sign(
            a.token().reveal(),
            a.appId(),
            a.encrypts() ? a.encodingAesKey().reveal() : "",
            xml,
            openid,
            now,
            HexFormat.of().formatHex(random, 0, 4),
            random);
    String query =
        push.query().entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String base = url != null ? url : "http://localhost:" + loaded.http().port();
    spec.commandLine()
        .getOut()
        .println(
            Curl.post(base + "/channels/wechat/" + account + "?" + query)
                .header("Content-Type", "text/xml")
                .data(push.body()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
