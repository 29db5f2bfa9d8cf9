package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The web form's double-submit CSRF token, stateless (any replica checks it): {@code
 * random.issuedAtMillis.HMAC-SHA256(random.issuedAtMillis)}, handed out in a cookie the page reads
 * and sends back in {@code X-CSRF-Token}. A state-changing request is admitted when the header
 * equals the cookie, the signature is this service's, the token is younger than its lifetime and,
 * behind a public base URL, the request's {@code Origin} (or {@code Referer}) is that URL's origin.
 * A browser sends no {@code Origin} on a same-origin GET, so the challenge that hands the token out
 * is not origin-checked.
 */
public final class CsrfTokens {

  public static final String COOKIE = "intake_csrf";
  public static final String HEADER = "X-CSRF-Token";
  private static final int MAX_TOKEN_CHARS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key;
  private final Duration ttl;
  private final Clock clock;
  private final String origin;
  private final boolean secure;

  /**
   * @param origin the public origin state-changing requests must come from, or null for any
   * @param secure whether the cookie is {@code Secure} (the public base URL is https)
   */
  CsrfTokens(byte[] key, Duration ttl, Clock clock, String origin, boolean secure) {
    this.key = key.clone();
    this.ttl = ttl;
    this.clock = clock;
    this.origin = origin == null || origin.isBlank() ? null : originOf(origin);
    this.secure = secure;
  }

  /** A fresh token. */
  String issue() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String payload = B64.encodeToString(random) + "." + clock.millis();
    return payload + "." + sign(payload);
  }

  /** The {@code Set-Cookie} value that hands a token to the page (readable by its script). */
  String cookie(String token) {
    return COOKIE + "=" + token + "; Path=/; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  /**
   * Admits a state-changing request's head.
   *
   * @throws ChannelException 403 {@code csrf_token_invalid}
   */
  void verify(InboundRequest head) {
    String header = head.header(HEADER);
    if (header == null || header.isBlank()) {
      throw refused(
          "The form's security token is missing; reload the page and send the form again.");
    }
    String cookie = cookieValue(head.header("Cookie"));
    if (cookie == null
        || header.length() > MAX_TOKEN_CHARS
        || !MessageDigest.isEqual(bytes(header), bytes(cookie))
        || !signedAndFresh(header)) {
      throw refused(
          "The form's security token is missing, expired or does not match its cookie; reload"
              + " the page and send the form again.");
    }
    if (origin != null && !origin.equals(requestOrigin(head))) {
      throw refused("The form was sent from another site than this service's page.");
    }
  }

  private boolean signedAndFresh(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[1].matches("\\d{1,15}")) {
      return false;
    }
    String payload = parts[0] + "." + parts[1];
    if (!MessageDigest.isEqual(bytes(sign(payload)), bytes(parts[2]))) {
      return false;
    }
    long age = clock.millis() - Long.parseLong(parts[1]);
    return age >= -60_000 && age <= ttl.toMillis();
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(bytes(payload)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String cookieValue(String cookies) {
    if (cookies == null) {
      return null;
    }
    for (String pair : cookies.split(";")) {
      String p = pair.strip();
      if (p.startsWith(COOKIE + "=")) {
        return p.substring(COOKIE.length() + 1);
      }
    }
    return null;
  }

  private static String requestOrigin(InboundRequest head) {
    String source = head.header("Origin");
    if (source == null || source.isBlank()) {
      source = head.header("Referer");
    }
    if (source == null || source.isBlank()) {
      return null;
    }
    try {
      return originOf(source);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code scheme://host[:port]} of a URL, lower case, without a default port. */
  static String originOf(String url) {
    URI uri = URI.create(url.strip());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("not an absolute URL: " + url);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean standard =
        port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ChannelException refused(String message) {
    return new ChannelException(ErrorCode.CSRF_TOKEN_INVALID, message);
  }
}
