package cn.gov12345.intake.channel.wechat;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.WechatAccountConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test accounts: {@code city} (safe), {@code compat} (compatible), {@code plain} (plaintext). */
public final class WechatFixtures {

  /** The passive reply of the {@code replying} account. */
  public static final String REPLY = "您的诉求已受理，受理编号 {trackingNumber}。";

  private WechatFixtures() {}

  public static WechatChannelConfig config(Duration window) {
    return new WechatChannelConfig(
        65536,
        Duration.ofMinutes(5),
        window,
        Map.of(
            "city", account("safe", ""),
            "compat", account("compatible", ""),
            "plain", account("plaintext", ""),
            "replying", account("safe", REPLY)),
        null,
        null);
  }

  /**
   * The YAML of the same accounts, for gateway configurations. Their WeChat API is a closed local
   * port with a retry an hour away: a media download fails once and nothing more happens in a test.
   */
  public static String yaml(String window) {
    return yaml(window, "http://127.0.0.1:9", "[1h]");
  }

  /**
   * The same accounts calling the WeChat API at {@code apiBaseUrl} (a WireMock).
   *
   * @param mediaRetry YAML list of media download retry delays
   */
  public static String yaml(String window, String apiBaseUrl, String mediaRetry) {
    // the WeChat stand-ins listen on loopback: reachable by name, like an internal proxy would be
    StringBuilder out = new StringBuilder("outbound:\n  privateHosts: [ localhost, 127.0.0.1 ]\n");
    out.append("channels:\n  wechat:\n");
    out.append("    mediaRetry: ").append(mediaRetry).append('\n');
    out.append("    conversationWindow: ").append(window).append("\n    accounts:\n");
    for (String[] a :
        new String[][] {
          {"city", "safe", ""},
          {"compat", "compatible", ""},
          {"plain", "plaintext", ""},
          {"replying", "safe", REPLY}
        }) {
      out.append("      ").append(a[0]).append(":\n");
      out.append("        token: ").append(WechatSigner.TOKEN).append('\n');
      out.append("        appId: ").append(WechatSigner.APP_ID).append('\n');
      out.append("        encodingAesKey: ").append(WechatSigner.AES_KEY).append('\n');
      out.append("        appSecret: test-only-app-secret\n");
      out.append("        mode: ").append(a[1]).append('\n');
      out.append("        apiBaseUrl: ").append(apiBaseUrl).append('\n');
      out.append("        passiveReply: \"").append(a[2]).append("\"\n");
    }
    return out.toString();
  }

  public static WechatChannel channel(Clock clock) {
    return new WechatChannel(config(Duration.ofMinutes(10)), clock);
  }

  private static WechatAccountConfig account(String mode, String reply) {
    return new WechatAccountConfig(
        Secret.of(WechatSigner.TOKEN),
        WechatSigner.APP_ID,
        Secret.of(WechatSigner.AES_KEY),
        Secret.of("test-only-app-secret"),
        mode,
        null,
        reply);
  }

  /** The current time as WeChat's CreateTime / timestamp (seconds). */
  public static long now() {
    return Instant.now().getEpochSecond();
  }

  /** A random MsgId. */
  public static long msgId() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  /** A random test openid (so tests can assert it never appears in an event). */
  public static String openid() {
    return "oTest" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
