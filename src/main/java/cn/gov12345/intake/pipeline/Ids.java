package cn.gov12345.intake.pipeline;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Event, message and ticket ids: UUID version 7 (RFC 9562), so ids sort by creation time and carry
 * 74 random bits.
 */
public final class Ids {

  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::newRandom);

  private final Clock clock;

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    SecureRandom random = RANDOM.get();
    long millis = clock.millis();
    long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** A DRBG per thread: no lock shared across event loops (unlike the default NativePRNG). */
  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
