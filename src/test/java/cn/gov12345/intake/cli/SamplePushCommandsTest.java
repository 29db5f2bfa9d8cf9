package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.channel.telephony.TwilioSignature;
import cn.gov12345.intake.channel.wechat.WechatChannel;
import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.channel.wechat.WechatQuery;
import cn.gov12345.intake.channel.wechat.WechatRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wechat-push} and {@code twilio-callback}: the printed curl lines carry requests the
 * channels accept (checked by the channels' own verification, not by re-computing signatures).
 */
class SamplePushCommandsTest {

  static final Pattern QUOTED = Pattern.compile("'((?:[^']|'\\\\'')*)'");

  @TempDir Path dir;
  final CliRun cli = new CliRun();

  @ParameterizedTest
  @ValueSource(strings = {"city", "compat", "plain"})
  void wechatPushIsAcceptedByTheWechatChannelInEveryMode(String account) throws IOException {
    Path file = Files.writeString(dir.resolve("wx.yaml"), WechatFixtures.yaml("10m"));

    assertThat(
            cli.run(
                "wechat-push", "--config", file.toString(), "--account", account, "--text", "路灯坏了"))
        .isZero();

    List<String> quoted = quoted(cli.out());
    URI url = URI.create(quoted.get(0));
    assertThat(url.getPath()).isEqualTo("/channels/wechat/" + account);
    Map<String, String> q = form(url.getRawQuery());
    WechatQuery query =
        new WechatQuery(
            q.get("signature"),
            q.get("timestamp"),
            q.get("nonce"),
            null,
            q.get("encrypt_type"),
            q.get("msg_signature"));
    WechatChannel channel = WechatFixtures.channel(Clock.systemUTC());
    byte[] body = quoted.get(quoted.size() - 1).getBytes(StandardCharsets.UTF_8);
    WechatRequest request = channel.accept(account, query, body);
    assertThat(request.encrypted()).isEqualTo(!account.equals("plain"));
    assertThat(new String(body, StandardCharsets.UTF_8).contains("路灯坏了"))
        .as("the text is in clear only in plaintext mode")
        .isEqualTo(account.equals("plain"));
  }

  @Test
  void anUnknownWechatAccountIsAUsageError() {
    assertThat(cli.run("wechat-push", "--account", "nobody")).isEqualTo(2);
    assertThat(cli.err()).contains("nobody");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void twilioCallbackCarriesASignatureTwilioValidatorsAcceptForThePublicUrl() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("tw.yaml"), TelephonyFixtures.yaml("https://api.twilio.com/", ""));

    assertThat(
            cli.run(
                "twilio-callback",
                "--config",
                file.toString(),
                "--account",
                "hotline",
                "--url",
                "http://localhost:8080"))
        .isZero();

    List<String> quoted = quoted(cli.out());
    assertThat(quoted.get(0))
        .isEqualTo("http://localhost:8080/channels/telephony/twilio/hotline/voice");
    String signature = quoted.get(2).substring((TwilioSignature.HEADER + ": ").length());
    Map<String, List<String>> params = new LinkedHashMap<>();
    form(quoted.get(3)).forEach((k, v) -> params.put(k, List.of(v)));
    assertThat(params)
        .containsEntry("AccountSid", List.of(TelephonyFixtures.TWILIO_SID))
        .containsEntry("CallStatus", List.of("ringing"));
    assertThat(
            TwilioSignature.verify(
                TelephonyFixtures.TWILIO_TOKEN,
                TelephonyFixtures.PUBLIC_BASE + "/channels/telephony/twilio/hotline/voice",
                params,
                signature))
        .isTrue();
  }

  @Test
  void anUnknownTwilioAccountIsAUsageError() {
    assertThat(cli.run("twilio-callback", "--account", "nobody")).isEqualTo(2);
    assertThat(cli.err()).contains("nobody");
    assertThat(cli.out()).isEmpty();
  }

  private static List<String> quoted(String line) {
    Matcher m = QUOTED.matcher(line);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replace("'\\''", "'"));
    }
    return out;
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
