package cn.gov12345.intake.fetch;

import cn.gov12345.intake.config.Cidr;
import cn.gov12345.intake.config.OutboundConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs the gateway may fetch on someone else's word (a CTI event's recording URL, WeChat's
 * {@code video_url}), checked for the first URL and again for every redirect:
 *
 * <ul>
 *   <li>the URL parses ({@link URI}), its scheme is exactly {@code http} or {@code https}, it has a
 *       host and no userinfo ({@code https://a@b/} is refused, so is {@code httpfile:});
 *   <li>it starts with one of the integration's allowed prefixes, and has the prefix's scheme, host
 *       and port (so {@code https://api.twilio.com.evil/} never passes {@code
 *       https://api.twilio.com/});
 *   <li>every address its host resolves to is public: loopback, private (10/8, 172.16/12,
 *       192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata address
 *       169.254.169.254, fe80::/10), unspecified, multicast, CGNAT 100.64/10, benchmarking
 *       198.18/15, 192.0.0/24 and 240/4 are refused unless {@code outbound.allowPrivateNetworks} is
 *       set or the host is one of {@code outbound.privateHosts}.
 * </ul>
 *
 * Pure: the URL rules are also used by the channels at request time ({@link #checkUrl}); the
 * address rule is applied by {@link GuardedFetcher} to the address it then connects to.
 *
 * @param prefixes the allowed URL prefixes
 * @param allowPrivateNetworks whether non-public addresses may be reached
 * @param privateHosts host names that may resolve to non-public addresses
 * @param maxRedirects redirects followed at most
 */
public record FetchPolicy(
    List<String> prefixes,
    boolean allowPrivateNetworks,
    Set<String> privateHosts,
    int maxRedirects) {

  private static final List<Cidr> NOT_PUBLIC =
      List.of(
              "0.0.0.0/8",
              "10.0.0.0/8",
              "100.64.0.0/10",
              "127.0.0.0/8",
              "169.254.0.0/16",
              "172.16.0.0/12",
              "192.0.0.0/24",
              "192.168.0.0/16",
              "198.18.0.0/15",
              "224.0.0.0/4",
              "240.0.0.0/4",
              "::/96",
              "64:ff9b::/96",
              "fc00::/7",
              "fe80::/10",
              "fec0::/10",
              "ff00::/8")
          .stream()
          .map(c -> Cidr.parse(c).orElseThrow())
          .toList();

  public FetchPolicy {
    prefixes = List.copyOf(prefixes);
    privateHosts = Set.copyOf(privateHosts);
  }

  /** The policy of {@code outbound} for the given prefixes. */
  public static FetchPolicy of(OutboundConfig config, List<String> prefixes) {
    return new FetchPolicy(
        prefixes,
        config.allowPrivateNetworks(),
        Set.copyOf(config.privateHosts()),
        config.maxRedirects());
  }

  /**
   * Checks a URL against the URL rules (not the address rule).
   *
   * @return the parsed URL
   * @throws FetchRefusedException {@link FetchRefusedException#URL} naming what is wrong
   */
  public static URI checkUrl(String url, List<String> prefixes) {
    URI uri = parse(url, FetchRefusedException.URL);
    for (String prefix : prefixes) {
      if (url.startsWith(prefix) && sameOrigin(uri, parse(prefix, FetchRefusedException.URL))) {
        return uri;
      }
    }
    throw new FetchRefusedException(
        FetchRefusedException.URL,
        "the URL on host " + uri.getHost() + " is under no allowed prefix");
  }

  /** {@link #checkUrl} with this policy's prefixes. */
  public URI check(String url) {
    return checkUrl(url, prefixes);
  }

  /**
   * Checks the target of a redirect from {@code from}.
   *
   * @throws FetchRefusedException {@link FetchRefusedException#REDIRECT}
   */
  public URI checkRedirect(URI from, String location) {
    URI next;
    try {
      next = from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchRefusedException(FetchRefusedException.REDIRECT, "unreadable redirect");
    }
    try {
      return check(next.toString());
    } catch (FetchRefusedException e) {
      throw new FetchRefusedException(
          FetchRefusedException.REDIRECT, "redirect refused: " + e.getMessage());
    }
  }

  /**
   * Checks one address the host of a URL resolved to.
   *
   * @throws FetchRefusedException {@link FetchRefusedException#ADDRESS}
   */
  public void checkAddress(String host, InetAddress address) {
    if (allowPrivateNetworks || privateHosts.contains(host.toLowerCase(Locale.ROOT))) {
      return;
    }
    if (!isPublic(address)) {
      throw new FetchRefusedException(
          FetchRefusedException.ADDRESS, host + " resolves to a non-public address");
    }
  }

  /** Whether an address is an ordinary public unicast one. */
  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    String literal = a.getHostAddress();
    int scope = literal.indexOf('%');
    String bare = scope < 0 ? literal : literal.substring(0, scope);
    return NOT_PUBLIC.stream().noneMatch(c -> c.contains(bare));
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static URI parse(String url, String reason) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url);
    } catch (URISyntaxException e) {
      throw new FetchRefusedException(reason, "not a URL");
    }
    String problem = problem(uri);
    if (problem != null) {
      throw new FetchRefusedException(reason, problem);
    }
    return uri;
  }

  private static String problem(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "only http and https URLs are fetched";
    }
    String authority = uri.getRawAuthority();
    if (uri.getRawUserInfo() != null || authority != null && authority.contains("@")) {
      return "a URL with credentials (userinfo) is not fetched";
    }
    return uri.getHost() == null || uri.getHost().isEmpty() ? "the URL has no host" : null;
  }
}
