package cn.gov12345.intake.config;

import java.util.Locale;

/**
 * One WeChat official account ({@code channels.wechat.accounts.<name>}).
 *
 * @param token the server token configured in the WeChat admin console (3-32 letters and digits)
 * @param appId the account's AppID ({@code wx…})
 * @param encodingAesKey the 43-character EncodingAESKey (compatible and safe modes)
 * @param appSecret the AppSecret, for access tokens of the media API
 * @param mode {@code plaintext}, {@code compatible} or {@code safe}
 * @param apiBaseUrl the WeChat API base URL (tests point it at a stub)
 * @param passiveReply text replied to the message that opened a ticket, {@code {trackingNumber}}
 *     and {@code {queryCode}} are replaced; empty = answer {@code success}
 */
public record WechatAccountConfig(
    Secret token,
    String appId,
    Secret encodingAesKey,
    Secret appSecret,
    String mode,
    String apiBaseUrl,
    String passiveReply) {

  public static final String PLAINTEXT = "plaintext";
  public static final String COMPATIBLE = "compatible";
  public static final String SAFE = "safe";
  public static final String DEFAULT_API = "https://api.weixin.qq.com";

  public WechatAccountConfig {
    token = token == null ? Secret.of("") : token;
    encodingAesKey = encodingAesKey == null ? Secret.of("") : encodingAesKey;
    appSecret = appSecret == null ? Secret.of("") : appSecret;
    mode = mode == null ? SAFE : mode.trim().toLowerCase(Locale.ROOT);
    apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? DEFAULT_API : apiBaseUrl.trim();
    passiveReply = passiveReply == null ? "" : passiveReply;
  }

  /** True when the account's messages may (compatible) or must (safe) arrive encrypted. */
  public boolean encrypts() {
    return !mode.equals(PLAINTEXT);
  }

  void validate(Problems p, String path, boolean production) {
    p.require(
        token.reveal().matches("[A-Za-z0-9]{3,32}"),
        path + ".token",
        "must be 3-32 letters and digits (as in the WeChat console)");
    p.require(
        appId != null && appId.matches("[A-Za-z0-9_-]{1,64}"), path + ".appId", "is required");
    p.require(
        mode.equals(PLAINTEXT) || mode.equals(COMPATIBLE) || mode.equals(SAFE),
        path + ".mode",
        "must be plaintext, compatible or safe");
    p.require(
        !encrypts() || encodingAesKey.reveal().matches("[A-Za-z0-9+/]{43}"),
        path + ".encodingAesKey",
        "must be the 43-character EncodingAESKey in compatible and safe mode");
    p.require(
        apiBaseUrl.matches("https?://[^\\s]+"), path + ".apiBaseUrl", "must be an http(s) URL");
    p.require(passiveReply.length() <= 600, path + ".passiveReply", "is longer than 600 chars");
    p.require(
        !production || !token.isPlaceholder() && !appSecret.isPlaceholder(),
        path,
        "uses development placeholders; production needs real secrets");
  }

  @Override
  public String toString() {
    return "WechatAccountConfig[appId=" + appId + ", mode=" + mode + ", secrets=<redacted>]";
  }
}
