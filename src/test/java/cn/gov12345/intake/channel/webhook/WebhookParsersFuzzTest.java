package cn.gov12345.intake.channel.webhook;

import cn.gov12345.intake.support.Hostile;
import cn.gov12345.intake.support.TestIdentity;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/** Webhook submission JSON: a submission or a typed refusal. Seeds: {@code ...Inputs/<method>/}. */
class WebhookParsersFuzzTest {

  private static final SubmissionMapper MAPPER = new SubmissionMapper(TestIdentity.phones());
  private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");

  @FuzzTest(maxDuration = "10s")
  void submissionJson(byte[] body) {
    Hostile.parse(() -> MAPPER.toInbound("src", "hook-1", NOW, SubmissionReader.read(body)));
  }
}
