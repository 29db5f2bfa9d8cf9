package cn.gov12345.intake.identity;

import cn.gov12345.intake.signing.HmacKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * The 查询码 (query code) a citizen needs, with the tracking number, to look up a ticket's progress.
 * Derived, not stored: the first bits of HMAC-SHA256(pseudonym key, "query-code:" + tracking number
 * + "\n" + ticket id), read out as {@value #LENGTH} decimal digits (easy to read out over the
 * phone). The code binds the ticket, not only its number: should a number ever be issued twice (or
 * be guessed), the first citizen's receipt still opens only the first citizen's ticket. Every
 * channel's tickets have a code from the moment they exist, and nobody without the key can compute
 * one. Checking uses a constant-time comparison.
 */
public final class QueryCodes {

  /** Digits in a code: 10^8 possibilities, against a rate-limited lookup. */
  public static final int LENGTH = 8;

  private static final byte[] DOMAIN = "query-code:".getBytes(StandardCharsets.US_ASCII);
  private final HmacKey key;

  public QueryCodes(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("query-code key must be at least 32 bytes");
    }
    this.key = new HmacKey(key);
  }

  /** The code of the ticket {@code ticketId} that carries {@code trackingNumber}. */
  public String codeFor(String trackingNumber, String ticketId) {
    Mac mac = key.mac();
    mac.update(DOMAIN);
    mac.update(trackingNumber.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) '\n'); // neither a tracking number nor a ticket id contains one
    byte[] digest = mac.doFinal(ticketId.getBytes(StandardCharsets.UTF_8));
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (digest[i] & 0xFF);
    }
    long bounded = Long.remainderUnsigned(value, 100_000_000L);
    return String.format("%08d", bounded);
  }

  /**
   * Whether a code belongs to the ticket {@code ticketId} with {@code trackingNumber}, in time
   * independent of where they differ. Null or malformed input is simply false.
   */
  public boolean matches(String trackingNumber, String ticketId, String code) {
    if (trackingNumber == null || ticketId == null || code == null) {
      return false;
    }
    byte[] expected = codeFor(trackingNumber, ticketId).getBytes(StandardCharsets.US_ASCII);
    byte[] given = code.strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  @Override
  public String toString() {
    return "QueryCodes[<redacted>]";
  }
}
