package cn.gov12345.intake.channel.sms.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.reply.SendOutcome.Status;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a failure without an answer means, and how Retry-After is read. */
class SmsOutcomesTest {

  @Test
  void retryAfterIsSecondsOrAnHttpDateCappedAtADay() {
    assertThat(SmsOutcomes.retryAfterMillis("30", SmsFixtures.CLOCK)).isEqualTo(30_000);
    assertThat(SmsOutcomes.retryAfterMillis("Sun, 01 Mar 2026 02:01:00 GMT", SmsFixtures.CLOCK))
        .isEqualTo(60_000);
    assertThat(SmsOutcomes.retryAfterMillis("99999999999", SmsFixtures.CLOCK))
        .isEqualTo(86_400_000);
    assertThat(SmsOutcomes.retryAfterMillis("soon", SmsFixtures.CLOCK)).isEqualTo(-1);
    assertThat(SmsOutcomes.retryAfterMillis(null, SmsFixtures.CLOCK)).isEqualTo(-1);
  }

  @Test
  void onlyAFailureBeforeAnyRequestIsRetried() {
    assertThat(SmsOutcomes.ofFailure(new ConnectException("refused")).status())
        .isEqualTo(Status.RETRY);
    assertThat(SmsOutcomes.ofFailure(new TimeoutException()).status()).isEqualTo(Status.UNKNOWN);
    assertThat(SmsOutcomes.noAnswer(new IllegalStateException("closed")).status())
        .isEqualTo(Status.UNKNOWN);
    assertThat(SmsOutcomes.notConnected(new TimeoutException()).status()).isEqualTo(Status.RETRY);
  }
}
