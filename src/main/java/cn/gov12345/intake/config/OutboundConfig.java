package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The policy of every URL the gateway fetches on someone else's word (call recordings, WeChat
 * media): see {@code cn.gov12345.intake.fetch.FetchPolicy}. The allowed URL prefixes belong to each
 * integration ({@code recordingUrlPrefix}, {@code ctiRecordingUrlPrefixes}, {@code
 * mediaUrlPrefixes}); this section says what holds for all of them.
 *
 * @param allowPrivateNetworks let fetches reach loopback, private, link-local, CGNAT and other
 *     non-public addresses (default false; for a PBX on the internal network prefer {@code
 *     privateHosts})
 * @param privateHosts host names (as written in the URL) that may resolve to such addresses, e.g.
 *     the internal PBX {@code pbx.hotline.internal}
 * @param maxRedirects redirects followed per fetch (0-10, default 3), each one checked again
 * @param connectTimeout how long a connection may take to open
 */
public record OutboundConfig(
    boolean allowPrivateNetworks,
    List<String> privateHosts,
    Integer maxRedirects,
    Duration connectTimeout) {

  public OutboundConfig {
    privateHosts =
        privateHosts == null
            ? List.of()
            : privateHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    maxRedirects = maxRedirects == null ? 3 : maxRedirects;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
  }

  /** The defaults: public addresses only, 3 redirects, 10 s to connect. */
  public static OutboundConfig defaults() {
    return new OutboundConfig(false, null, null, null);
  }

  /** Whether a configured prefix names scheme, host and the start of a path: {@code https://h/}. */
  public static boolean isUrlPrefix(String prefix) {
    return prefix != null && prefix.matches("https?://[A-Za-z0-9.\\[\\]:-]+(:\\d{1,5})?/[^\\s]*");
  }

  void validate(Problems p) {
    p.require(maxRedirects >= 0 && maxRedirects <= 10, "outbound.maxRedirects", "must be 0-10");
    p.require(
        privateHosts.stream().allMatch(h -> h.matches("[a-z0-9.-]{1,253}")),
        "outbound.privateHosts",
        "must be host names (letters, digits, dots, dashes)");
    RedisConfig.positive(p, connectTimeout, "outbound.connectTimeout");
  }
}
