package cn.gov12345.intake.channel.open311;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Open311 GeoReport v2 form bodies: a request or a typed refusal. Seeds: {@code ...Inputs/}. */
class Open311ParsersFuzzTest {

  private static final Open311Channel CHANNEL =
      Open311Fixtures.channel(Clock.fixed(Instant.parse("2026-01-15T02:30:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "10s")
  void requestForm(byte[] body) {
    Hostile.parse(() -> CHANNEL.accept("city-app", FormBody.parse(body), null));
    Hostile.parse(() -> CHANNEL.accept("city-app", FormBody.parse(body), "key-0123456789"));
  }
}
