package cn.gov12345.intake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tracking numbers the accept script makes: daily sequence, Luhn check digit, no repeats. */
@Tag("cluster")
class TrackingNumbersIT {

  @Test
  void consecutiveTicketsGetConsecutiveSequenceNumbersWithValidCheckDigits() throws Exception {
    try (TestGateway gateway = TestGateway.start()) {
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        numbers.add(trackingOf(gateway, "{\"text\":\"井盖丢失" + i + "\"}"));
      }

      String day = TrackingNumbers.day(Instant.now());
      for (int i = 0; i < numbers.size(); i++) {
        String n = numbers.get(i);
        assertThat(TrackingNumbers.isValid(n)).as(n).isTrue();
        assertThat(n).startsWith(day + "00").hasSize(15);
        assertThat(n.substring(8, 14)).isEqualTo(String.format("%06d", i + 1));
      }
    }
  }

  @Test
  void aDayPastOneMillionTicketsStillGetsValidLongerNumbers() throws Exception {
    try (TestGateway gateway = TestGateway.start()) {
      String day = TrackingNumbers.day(Instant.now());
      TestRedis.call(Command.SET, gateway.keys().sequence(0, day), "999998");

      String last6 = trackingOf(gateway, "{\"text\":\"第九十九万九千九百九十九件\"}");
      String first7 = trackingOf(gateway, "{\"text\":\"第一百万件\"}");

      assertThat(last6).hasSize(15).contains("999999");
      assertThat(first7).hasSize(16).contains("1000000");
      assertThat(TrackingNumbers.isValid(last6)).isTrue();
      assertThat(TrackingNumbers.isValid(first7)).isTrue();
    }
  }

  private static String trackingOf(TestGateway gateway, String body) {
    return new JsonObject(gateway.webhooks().post(body).body()).getString("trackingNumber");
  }
}
