package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The WeChat official-account channel ({@code /channels/wechat/{account}}).
 *
 * @param maxBodyBytes larger bodies are refused with 413 before they are read
 * @param tolerance how far the signed {@code timestamp} may be from now, either way
 * @param conversationWindow messages of one citizen within this idle time form one ticket
 * @param accounts official accounts by name (the path segment)
 * @param mediaRetry delays between media download attempts; after the last one the attachment is
 *     recorded as unavailable
 * @param mediaUrlPrefixes URL prefixes media may be fetched from besides each account's {@code
 *     apiBaseUrl}: the host of the {@code video_url} WeChat answers for videos (WeChat does not
 *     document it; a video refused is logged with its host and recorded {@code url_refused})
 */
public record WechatChannelConfig(
    int maxBodyBytes,
    Duration tolerance,
    Duration conversationWindow,
    Map<String, WechatAccountConfig> accounts,
    List<Duration> mediaRetry,
    List<String> mediaUrlPrefixes) {

  public static final List<Duration> DEFAULT_MEDIA_RETRY =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10));

  public WechatChannelConfig {
    maxBodyBytes = maxBodyBytes == 0 ? 65536 : maxBodyBytes;
    tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    conversationWindow = conversationWindow == null ? Duration.ofMinutes(10) : conversationWindow;
    accounts = accounts == null ? Map.of() : Map.copyOf(new TreeMap<>(accounts));
    mediaRetry = mediaRetry == null ? DEFAULT_MEDIA_RETRY : List.copyOf(mediaRetry);
    mediaUrlPrefixes = mediaUrlPrefixes == null ? List.of() : List.copyOf(mediaUrlPrefixes);
  }

  /** The URL prefixes one account's media may be fetched from: its API, then the others. */
  public List<String> mediaUrlPrefixes(String account) {
    WechatAccountConfig a = accounts.get(account);
    List<String> out = new java.util.ArrayList<>();
    if (a != null) {
      out.add(a.apiBaseUrl().endsWith("/") ? a.apiBaseUrl() : a.apiBaseUrl() + "/");
    }
    out.addAll(mediaUrlPrefixes);
    return List.copyOf(out);
  }

  /** No accounts: the channel is mounted but every account is unknown. */
  public static WechatChannelConfig none() {
    return new WechatChannelConfig(0, null, null, null, null, null);
  }

  void validate(Problems p, boolean production) {
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        "channels.wechat.maxBodyBytes",
        "must be 1 KiB .. 1 MiB");
    RedisConfig.positive(p, tolerance, "channels.wechat.tolerance");
    p.require(
        conversationWindow.compareTo(Duration.ofSeconds(1)) >= 0
            && conversationWindow.compareTo(Duration.ofDays(1)) <= 0,
        "channels.wechat.conversationWindow",
        "must be 1s .. 1d");
    p.require(
        !mediaRetry.isEmpty()
            && mediaRetry.size() <= 20
            && mediaRetry.stream()
                .allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofDays(1)) <= 0),
        "channels.wechat.mediaRetry",
        "must be 1-20 delays of 0s .. 1d");
    p.require(
        mediaUrlPrefixes.stream().allMatch(OutboundConfig::isUrlPrefix),
        "channels.wechat.mediaUrlPrefixes",
        "must be http(s) URL prefixes ending in a path, e.g. https://video.example.qq.com/");
    accounts.forEach(
        (name, account) -> {
          String path = "channels.wechat.accounts." + name;
          p.require(
              name.matches("[a-z0-9][a-z0-9-]{0,62}"),
              path,
              "account names are lower-case letters, digits and dashes");
          if (account == null) {
            p.add(path, "is empty");
          } else {
            account.validate(p, path, production);
          }
        });
  }
}
