package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where a ticket id's status record can be: the day (China time) its UUIDv7 time falls on. */
class RedisStatusStoreTest {

  static String v7(Instant at) {
    long high = (at.toEpochMilli() << 16) | 0x7000L | 0x123L;
    return new UUID(high, 0x8000000000000001L).toString();
  }

  @Test
  void anIdMadeDuringTheDayNamesThatDay() {
    assertThat(RedisStatusStore.days(v7(Instant.parse("2026-11-26T08:00:00Z"))))
        .containsExactly("261126");
  }

  @Test
  void anIdMadeJustAfterMidnightMayBelongToATicketReceivedTheDayBefore() {
    assertThat(RedisStatusStore.days(v7(Instant.parse("2026-11-26T16:00:00.010Z"))))
        .containsExactly("261127", "261126");
  }

  @Test
  void anythingButAUuidV7NamesNoDay() {
    assertThat(RedisStatusStore.days(UUID.randomUUID().toString())).isEmpty();
    assertThat(RedisStatusStore.days("not-a-uuid")).isEmpty();
  }
}
