package cn.gov12345.intake.status;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;

/** Status-update JSON from a department: an update or a typed refusal. */
class StatusUpdateFuzzTest {

  private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");

  @FuzzTest(maxDuration = "10s")
  void updateJson(byte[] body) {
    Hostile.parse(
        () ->
            StatusUpdate.parse(
                body, "6f1c1c2e-0000-4000-8000-000000000001", true, NOW, Duration.ofMinutes(5)));
  }
}
