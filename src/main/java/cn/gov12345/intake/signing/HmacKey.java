package cn.gov12345.intake.signing;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 key, with an initialized {@link Mac} per thread: {@code Mac.getInstance} and
 * {@code init} cost more than the MAC of a small body, so they happen once per event loop, not once
 * per request.
 */
public final class HmacKey {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec spec;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public HmacKey(byte[] key) {
    this.spec = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** This thread's MAC, reset and ready; finish it with {@code doFinal} before the next call. */
  public Mac mac() {
    Mac mac = macs.get();
    mac.reset();
    return mac;
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(spec);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[<redacted>]";
  }
}
