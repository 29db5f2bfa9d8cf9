package cn.gov12345.intake.identity;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encrypts a citizen's contact details (phone, name) so only systems holding the key can read them.
 * The result is a compact JWE ({@code alg=dir}, {@code enc=A256GCM}, {@code kid} = the key id),
 * which any JOSE library opens; the payload is {@code {"phone": "+86…", "name": "…"}}.
 */
public final class ContactSealer {

  private final String keyId;
  private final Map<String, byte[]> keys;

  /**
   * @param keyId the key id used for new contact details
   * @param keys AES-256 keys by key id (older ids stay for {@link #open})
   */
  public ContactSealer(String keyId, Map<String, byte[]> keys) {
    if (!keys.containsKey(keyId)) {
      throw new IllegalArgumentException("no contact key with id " + keyId);
    }
    this.keyId = keyId;
    this.keys = Map.copyOf(keys);
  }

  /** Seals a phone (E.164) and/or name; null when both are null. */
  public String seal(String phone, String name) {
    if (phone == null && name == null) {
      return null;
    }
    Map<String, Object> contact = new LinkedHashMap<>();
    if (phone != null) {
      contact.put("phone", phone);
    }
    if (name != null) {
      contact.put("name", name);
    }
    JWEObject jwe =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(keyId).build(),
            new Payload(contact));
    try {
      jwe.encrypt(new DirectEncrypter(keys.get(keyId)));
    } catch (JOSEException e) {
      throw new IllegalStateException("contact encryption failed", e);
    }
    return jwe.serialize();
  }

  /**
   * Opens sealed contact details (for authorized consumers and tests).
   *
   * @throws IllegalArgumentException when the value is not a JWE of a known key or was altered
   */
  public Map<String, Object> open(String sealed) {
    try {
      JWEObject jwe = JWEObject.parse(sealed);
      byte[] key = keys.get(jwe.getHeader().getKeyID());
      if (key == null) {
        throw new IllegalArgumentException("unknown contact key id");
      }
      jwe.decrypt(new DirectDecrypter(key));
      return jwe.getPayload().toJSONObject();
    } catch (ParseException | JOSEException e) {
      throw new IllegalArgumentException("sealed contact cannot be opened", e);
    }
  }
}
