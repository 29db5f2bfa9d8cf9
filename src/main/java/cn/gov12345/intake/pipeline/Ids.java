package cn.gov12345.intake.pipeline;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event, message and ticket ids: UUID version 7 (RFC 9562), so ids sort by creation time and carry
 * 74 random bits. Ids identify, they do not authorize (nothing is granted to whoever knows one), so
 * the random bits come from {@link ThreadLocalRandom}: a cryptographic generator was measurably the
 * most expensive part of making an id.
 */
public final class Ids {

  private final Clock clock;

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = clock.millis();
    long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
