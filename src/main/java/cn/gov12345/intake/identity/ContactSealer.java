package cn.gov12345.intake.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
 * {@link Cipher} per thread, counter-based nonces, the protected header encoded once); profiling
 * showed a general JOSE library spending most of its time in setup and a constant-time Base64
 * codec. Opening (rare: tools, tests, downstream examples) uses Nimbus JOSE, which also proves that
 * what is sealed here is standard JWE.
 */
public final class ContactSealer {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectWriter JSON = JsonMapper.builder().build().writer();
  private static final ThreadLocal<Nonces> NONCES = ThreadLocal.withInitial(Nonces::new);

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
    return seal(phone, name, null);
  }

  /** The sealed contact with an e-mail address, or null when there is nothing to seal. */
  public String seal(String phone, String name, String email) {
    return sealFields("phone", phone, "name", name, "email", email);
  }

  /**
   * A sealed reply address ({@link ReplyRoutes}): {@code {"openid","phone","appUser"}}, or null
   * when there is none.
   */
  public String sealAddress(String openid, String phone, String appUser) {
    return sealFields(
        ReplyRoutes.OPENID, openid, ReplyRoutes.PHONE, phone, ReplyRoutes.APP_USER, appUser);
  }

  private String sealFields(String... namesAndValues) {
    Map<String, Object> contact = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        contact.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    if (contact.isEmpty()) {
      return null;
    }
    byte[] iv = NONCES.get().next();
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

  /**
   * GCM nonces by the deterministic construction of NIST SP 800-38D 8.2.1: a 64-bit random field
   * drawn once per thread (and again every 2^32 uses) followed by a 32-bit invocation counter, so
   * an IV never repeats under one key without a random draw per message.
   */
  private static final class Nonces {
    private final SecureRandom random = new SecureRandom();
    private final byte[] field = new byte[8];
    private long counter = 1L << 32;

    byte[] next() {
      if (counter >= 1L << 32) {
        random.nextBytes(field);
        counter = 0;
      }
      byte[] iv = Arrays.copyOf(field, IV_BYTES);
      int c = (int) counter++;
      iv[8] = (byte) (c >>> 24);
      iv[9] = (byte) (c >>> 16);
      iv[10] = (byte) (c >>> 8);
      iv[11] = (byte) c;
      return iv;
    }
  }
}
