package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.support.Hostile;
import cn.gov12345.intake.support.TestIdentity;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * Inbound SMS pushes: texts or a typed refusal, whatever the bytes — Alibaba's SmsUp batch through
 * the channel's reading and mapping, and the generic format's body behind its signature.
 */
class SmsParsersFuzzTest {

  private static final SmsChannel CHANNEL = SmsFixtures.channel(SmsChannelContractTest.CLOCK);
  private static final SmsTexts TEXTS = new SmsTexts(TestIdentity.phones());

  @FuzzTest(maxDuration = "10s")
  void aliyunSmsUp(byte[] body) {
    Hostile.parse(() -> CHANNEL.aliyun("aliyun", body));
  }

  @FuzzTest(maxDuration = "10s")
  void gatewayJson(byte[] body) {
    Hostile.parse(
        () -> GatewaySms.read(body, 5).forEach(e -> TEXTS.map("gateway", e, Instant.EPOCH, "m")));
  }
}
