package cn.gov12345.intake.identity;

import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.signing.HmacKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Turns a citizen identifier into a stable pseudonym: Base64url(HMAC-SHA256(key, scheme ":" id)).
 * The same citizen on the same channel identity always gets the same pseudonym, and nobody without
 * the key can reverse it or test a guessed phone number against it.
 */
public final class Pseudonymizer {

  private final HmacKey key;

  public Pseudonymizer(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("pseudonym key must be at least 32 bytes");
    }
    this.key = new HmacKey(key);
  }

  /** The pseudonym of an identifier in a scheme; the identifier must already be normalized. */
  public String pseudonym(CitizenRef.IdScheme scheme, String normalizedId) {
    Mac mac = key.mac();
    mac.update(scheme.name().getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) ':');
    byte[] digest = mac.doFinal(normalizedId.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
