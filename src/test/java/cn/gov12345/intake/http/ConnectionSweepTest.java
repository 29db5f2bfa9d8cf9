package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConnectionsConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionSweepTest {

  @Test
  void theSweepRunsFiveTimesPerShortestDeadlineWithinTwentyMillisecondsAndOneSecond() {
    assertThat(ConnectionSweep.interval(limits(10, 30, 75))).isEqualTo(1000);
    assertThat(ConnectionSweep.interval(limits(1, 1, 1))).isEqualTo(200);
    assertThat(
            ConnectionSweep.interval(
                new ConnectionsConfig(
                    Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1), 1)))
        .isEqualTo(20);
  }

  private static ConnectionsConfig limits(int header, int body, int idle) {
    return new ConnectionsConfig(
        Duration.ofSeconds(header), Duration.ofSeconds(body), Duration.ofSeconds(idle), 1);
  }
}
