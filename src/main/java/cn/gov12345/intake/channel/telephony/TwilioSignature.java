package cn.gov12345.intake.channel.telephony;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 of HMAC-SHA1 (key = the auth token) over the full URL
 * Twilio requested, followed by every POST parameter sorted by name, each as name + value (the
 * distinct values of a repeated name sorted too, as Twilio's SDK validators do). Like Twilio's own
 * validators, a URL is also accepted with its default port added or removed ({@code :443} for
 * https, {@code :80} for http), because Twilio signs the URL as configured while proxies report it
 * with or without the port.
 */
public final class TwilioSignature {

  public static final String HEADER = "X-Twilio-Signature";

  private static final Pattern AUTHORITY = Pattern.compile("^(https?)://([^/:?#]+)(:\\d+)?(.*)$");

  private TwilioSignature() {}

  /** The signature of one request. */
  public static String sign(String authToken, String url, Map<String, List<String>> params) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      mac.update(url.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
        for (String value : new TreeSet<>(e.getValue())) {
          mac.update(e.getKey().getBytes(StandardCharsets.UTF_8));
          mac.update(value.getBytes(StandardCharsets.UTF_8));
        }
      }
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** Whether the header matches the URL as given or its default-port variant, in constant time. */
  public static boolean verify(
      String authToken, String url, Map<String, List<String>> params, String header) {
    if (header == null || header.isBlank() || header.length() > 128) {
      return false;
    }
    byte[] given = header.trim().getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String candidate : variants(url)) {
      byte[] expected = sign(authToken, candidate, params).getBytes(StandardCharsets.US_ASCII);
      match |= MessageDigest.isEqual(expected, given);
    }
    return match;
  }

  /** The URL as given and with its default port toggled (added when absent, removed when shown). */
  static List<String> variants(String url) {
    Matcher m = AUTHORITY.matcher(url);
    if (!m.matches()) {
      return List.of(url);
    }
    String defaultPort = "https".equalsIgnoreCase(m.group(1)) ? ":443" : ":80";
    String base = m.group(1) + "://" + m.group(2);
    if (m.group(3) == null) {
      return List.of(url, base + defaultPort + m.group(4));
    }
    return m.group(3).equals(defaultPort) ? List.of(url, base + m.group(4)) : List.of(url);
  }
}
