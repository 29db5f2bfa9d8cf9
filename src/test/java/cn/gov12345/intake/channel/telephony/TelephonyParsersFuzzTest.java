package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.support.Hostile;
import cn.gov12345.intake.support.TestIdentity;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;

/**
 * Twilio and Zammad form callbacks and CTI JSON events: hostile bytes end in a call event or a
 * typed refusal, nothing else. Seeds: {@code TelephonyParsersFuzzTestInputs/<method>/}.
 */
class TelephonyParsersFuzzTest {

  private static final Callers CALLERS = new Callers(TestIdentity.phones());
  private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
  private static final List<String> HOOKS =
      List.of("voice", "status", "recording", "transcription", "queue");

  @FuzzTest(maxDuration = "10s")
  void twilioForm(byte[] body) {
    TwilioCallbacks twilio = new TwilioCallbacks(CALLERS);
    for (String hook : HOOKS) {
      Hostile.parse(() -> twilio.read("AC1", hook, FormBody.parse(body), NOW, false));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void ctiJson(byte[] body) {
    Hostile.parse(() -> new CtiJsonEvents(CALLERS).read("cti", "hook-1", body));
  }

  @FuzzTest(maxDuration = "10s")
  void zammadForm(byte[] body) {
    Hostile.parse(() -> new ZammadEvents(CALLERS).read("zammad", FormBody.parse(body), NOW));
  }
}
