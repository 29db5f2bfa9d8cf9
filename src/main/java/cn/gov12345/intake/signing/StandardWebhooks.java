package cn.gov12345.intake.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com): {@code v1,} + Base64 of
 * HMAC-SHA256 over {@code id + "." + timestamp + "." + body}; the header may hold several
 * space-separated signatures (key rotation). Used to verify partners' webhooks and to sign the
 * gateway's own deliveries.
 */
public final class StandardWebhooks {

  public static final String HEADER_ID = "webhook-id";
  public static final String HEADER_TIMESTAMP = "webhook-timestamp";
  public static final String HEADER_SIGNATURE = "webhook-signature";

  private static final String VERSION = "v1,";
  private static final int MAX_HEADER = 4096;

  private StandardWebhooks() {}

  /** The {@code v1,…} signature of one message with one key. */
  public static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
    return sign(new HmacKey(key), id, timestampSeconds, body);
  }

  /** The {@code v1,…} signature of one message with one key. */
  public static String sign(HmacKey key, String id, long timestampSeconds, byte[] body) {
    return VERSION + Base64.getEncoder().encodeToString(mac(key, id, timestampSeconds, body));
  }

  /** {@link #verify(List, String, long, byte[], String)} with raw keys (tests, tools). */
  public static boolean verify(
      List<byte[]> keys, String id, long timestampSeconds, byte[] body, String signatureHeader) {
    return verifyAny(
        keys.stream().map(HmacKey::new).toList(), id, timestampSeconds, body, signatureHeader);
  }

  /**
   * Whether any {@code v1} signature in the header matches any key. Compares in constant time per
   * candidate; unknown versions in the header are ignored, as the spec asks.
   */
  public static boolean verifyAny(
      List<HmacKey> keys, String id, long timestampSeconds, byte[] body, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.length() > MAX_HEADER) {
      return false;
    }
    boolean match = false;
    for (HmacKey key : keys) {
      byte[] expected = mac(key, id, timestampSeconds, body);
      int at = 0;
      int length = signatureHeader.length();
      while (at < length) {
        int end = signatureHeader.indexOf(' ', at);
        end = end < 0 ? length : end;
        match |= matches(expected, signatureHeader, at, end);
        at = end + 1;
      }
    }
    return match;
  }

  private static boolean matches(byte[] expected, String header, int from, int to) {
    if (to - from <= VERSION.length() || !header.startsWith(VERSION, from)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.substring(from + VERSION.length(), to));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  private static byte[] mac(HmacKey key, String id, long timestampSeconds, byte[] body) {
    Mac mac = key.mac();
    mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    return mac.doFinal(body);
  }
}
