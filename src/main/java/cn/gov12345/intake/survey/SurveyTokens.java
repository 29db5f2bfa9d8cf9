package cn.gov12345.intake.survey;

import cn.gov12345.intake.signing.HmacKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signed token of a rating link ({@code /rate/<token>}): which ticket, and until when it can be
 * rated, under an HMAC-SHA256 whose key is derived from the pseudonym key (so no second secret to
 * manage, and no two uses of one key). One-time by the store, not by the token: the ticket takes
 * one rating, so a link used once only shows the result afterwards.
 *
 * <p>Format: {@code base64url("v1 <ticket id> <tracking number> <expires epoch s>") "." base64url
 * (first 16 bytes of the HMAC)}.
 */
public final class SurveyTokens {

  static final int MAX_LENGTH = 200;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{20,160}\\.[A-Za-z0-9_-]{22}");
  private static final Pattern CLAIM =
      Pattern.compile("v1 ([0-9a-f-]{36}) ([0-9]{15,20}) ([0-9]{1,12})");
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

  private final HmacKey key;

  /**
   * @param pseudonymKey {@code identity.pseudonymKey}; the link key is derived from it
   */
  public SurveyTokens(byte[] pseudonymKey) {
    HmacKey root = new HmacKey(pseudonymKey);
    this.key =
        new HmacKey(root.mac().doFinal("intake rating link v1".getBytes(StandardCharsets.UTF_8)));
  }

  /** What a valid token stands for. */
  public record Claim(String ticketId, String trackingNumber, Instant expiresAt) {}

  /** The token of a ticket's rating link. */
  public String sign(String ticketId, String trackingNumber, Instant expiresAt) {
    String payload = "v1 " + ticketId + " " + trackingNumber + " " + expiresAt.getEpochSecond();
    byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
    return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
  }

  /**
   * The claim of a token whose signature holds, expired or not ({@link Claim#expiresAt} tells);
   * empty for anything forged, cut or malformed.
   */
  public Optional<Claim> verify(String token) {
    if (token == null || token.length() > MAX_LENGTH || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] given;
    try {
      payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
      given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // only the canonical encoding: a token has exactly one spelling (no malleable trailing bits)
    if (!token.equals(ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(given))
        || !MessageDigest.isEqual(mac(payload), given)) {
      return Optional.empty();
    }
    var m = CLAIM.matcher(new String(payload, StandardCharsets.US_ASCII));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Claim(m.group(1), m.group(2), Instant.ofEpochSecond(Long.parseLong(m.group(3)))));
  }

  private byte[] mac(byte[] payload) {
    return Arrays.copyOf(key.mac().doFinal(payload), 16);
  }
}
