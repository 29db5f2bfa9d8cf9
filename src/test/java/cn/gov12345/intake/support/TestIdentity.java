package cn.gov12345.intake.support;

import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.identity.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fixed, test-only identity keys, so pseudonyms in {@code channels/*}{@code /expected} files are
 * stable. Never use these outside tests.
 */
public final class TestIdentity {

  /** HMAC key of citizen pseudonyms in tests (40 bytes). */
  public static final String PSEUDONYM_KEY = "test-only-pseudonym-key-0123456789abcdef";

  /** Key id of the contact key in tests. */
  public static final String CONTACT_KEY_ID = "test-1";

  /** AES-256 contact key in tests (32 bytes). */
  public static final String CONTACT_KEY = "test-only-contact-key-32-bytes!!";

  private TestIdentity() {}

  public static Pseudonymizer pseudonymizer() {
    return new Pseudonymizer(PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8));
  }

  public static ContactSealer sealer() {
    return new ContactSealer(
        CONTACT_KEY_ID, Map.of(CONTACT_KEY_ID, CONTACT_KEY.getBytes(StandardCharsets.UTF_8)));
  }

  public static PhoneNumbers phones() {
    return new PhoneNumbers("CN");
  }
}
