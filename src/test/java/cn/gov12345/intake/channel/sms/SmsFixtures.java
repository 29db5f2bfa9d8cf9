package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.SmsChannelConfig;
import cn.gov12345.intake.config.SmsIntegrationConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.TestIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The SMS channel as the tests configure it (also in {@code channels/sms/README.md} and the
 * samples): {@code aliyun} (SmsUp push, path token, allowlist of loopback and the test client
 * network), {@code open} (SmsUp push, no allowlist), {@code fenced} (an allowlist no test client is
 * in) and {@code gateway} (the generic format, Standard Webhooks, hotline 12345).
 */
public final class SmsFixtures {

  /** Test-only path token of {@code aliyun}. */
  public static final String TOKEN = "test-only-sms-path-token-0123456789";

  /** Test-only path token of {@code open} and {@code fenced}. */
  public static final String OPEN_TOKEN = "test-only-open-sms-token-9876543210";

  /** Test-only Standard Webhooks secret of {@code gateway}. */
  public static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString(utf8("test-only-sms-gateway-secret-32b!"));

  /** What the test clients connect from (loopback) and EndpointRunner's client address. */
  static final List<String> ALLOWED = List.of("127.0.0.0/8", "::1/128", "203.0.113.0/24");

  private SmsFixtures() {}

  public static SmsChannel channel(Clock clock) {
    return new SmsChannel(config(Duration.ofMinutes(30)), TestIdentity.phones(), clock);
  }

  static SmsChannelConfig config(Duration window) {
    return new SmsChannelConfig(
        0,
        5,
        null,
        window,
        Map.of(
            "aliyun", aliyun(TOKEN, ALLOWED),
            "open", aliyun(OPEN_TOKEN, List.of()),
            "fenced", aliyun(OPEN_TOKEN, List.of("10.0.0.0/8")),
            "gateway",
                new SmsIntegrationConfig(
                    "in-house gateway",
                    "http",
                    null,
                    List.of(Secret.of(SECRET)),
                    List.of(),
                    List.of("12345", "+8612345"))));
  }

  private static SmsIntegrationConfig aliyun(String token, List<String> allowlist) {
    return new SmsIntegrationConfig(
        "Alibaba Cloud SmsUp", "aliyun", Secret.of(token), null, allowlist, null);
  }

  /** The same integrations as gateway YAML, with a conversation window. */
  public static String yaml(String window) {
    return "channels:\n" + channelYaml(window);
  }

  /** {@link #yaml} without its {@code channels:} line, to join other channels' YAML. */
  public static String channelYaml(String window) {
    return String.join(
        "\n",
        "  sms:",
        "    maxBatch: 5",
        "    conversationWindow: " + window,
        "    integrations:",
        "      aliyun: { provider: aliyun, pathToken: " + TOKEN + ",",
        "                allowlist: [ \"127.0.0.0/8\", \"::1/128\", \"203.0.113.0/24\" ] }",
        "      open: { provider: aliyun, pathToken: " + OPEN_TOKEN + " }",
        "      fenced: { provider: aliyun, pathToken: "
            + OPEN_TOKEN
            + ", allowlist: [ 10.0.0.0/8 ] }",
        "      gateway: { provider: http, secrets: [ \"" + SECRET + "\" ],",
        "                 hotlines: [ \"12345\", \"+8612345\" ] }",
        "");
  }

  /** The {@code v1,…} signature of a generic push. */
  public static String sign(String id, long timestamp, byte[] body) {
    byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
    return StandardWebhooks.sign(key, id, timestamp, body);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
