package cn.gov12345.intake.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  private StandardWebhooks() {}

  /** The {@code v1,…} signature of one message with one key. */
  public static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
    return VERSION + Base64.getEncoder().encodeToString(mac(key, id, timestampSeconds, body));
  }

  /**
   * Whether any {@code v1} signature in the header matches any key. Compares in constant time per
   * candidate; unknown versions in the header are ignored, as the spec asks.
   */
  public static boolean verify(
      List<byte[]> keys, String id, long timestampSeconds, byte[] body, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.length() > 4096) {
      return false;
    }
    boolean match = false;
    for (byte[] key : keys) {
      byte[] expected = mac(key, id, timestampSeconds, body);
      for (String candidate : signatureHeader.trim().split(" +")) {
        if (!candidate.startsWith(VERSION)) {
          continue;
        }
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
          continue;
        }
        match |= MessageDigest.isEqual(expected, given);
      }
    }
    return match;
  }

  private static byte[] mac(byte[] key, String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
