package cn.gov12345.intake.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a citizen's contact details (phone, name) so only systems holding the key can read them.
 * The result is a compact JWE ({@code alg=dir}, {@code enc=A256GCM}, {@code kid} = the key id, RFC
 * 7516) which any JOSE library opens; the payload is {@code {"phone": "+86…", "name": "…"}}.
 *
 * <p>Sealing runs on every accepted message, so it is built on the JDK's AES-GCM directly (one
 * {@link Cipher} and one DRBG per thread, the protected header encoded once); profiling showed a
 * general JOSE library spending most of its time in setup and a constant-time Base64 codec. Opening
 * (rare: tools, tests, downstream examples) uses Nimbus JOSE, which also proves that what is sealed
 * here is standard JWE.
 */
public final class ContactSealer {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectWriter JSON = JsonMapper.builder().build().writer();
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(ContactSealer::newRandom);

  private final Map<String, byte[]> keys;
  private final SecretKeySpec sealingKey;
  private final String encodedHeader;
  private final byte[] aad;
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(ContactSealer::newCipher);

  public ContactSealer(String keyId, Map<String, byte[]> keys) {
    if (!keys.containsKey(keyId)) {
      throw new IllegalArgumentException("no contact key with id " + keyId);
    }
    this.keys = Map.copyOf(keys);
    this.sealingKey = new SecretKeySpec(keys.get(keyId).clone(), "AES");
    String header = "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":" + quoted(keyId) + "}";
    this.encodedHeader = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8));
    this.aad = encodedHeader.getBytes(StandardCharsets.US_ASCII);
  }

  /** The sealed contact, or null when there is nothing to seal. */
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
    byte[] iv = new byte[IV_BYTES];
    RANDOM.get().nextBytes(iv);
    byte[] sealed;
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      sealed = cipher.doFinal(JSON.writeValueAsBytes(contact));
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("contact encryption failed", e);
    }
    int tagAt = sealed.length - TAG_BITS / 8;
    return encodedHeader
        + ".."
        + B64URL.encodeToString(iv)
        + '.'
        + B64URL.encodeToString(Arrays.copyOfRange(sealed, 0, tagAt))
        + '.'
        + B64URL.encodeToString(Arrays.copyOfRange(sealed, tagAt, sealed.length));
  }

  /**
   * Opens a sealed contact with the key its {@code kid} names.
   *
   * @throws IllegalArgumentException when it is not a JWE, the key id is unknown or it was altered
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

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serializes", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** A DRBG per thread: no lock shared across event loops (unlike the default NativePRNG). */
  static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
