package cn.gov12345.intake.http;

import static cn.gov12345.intake.http.TelephonyIntakeIT.hangup;
import static cn.gov12345.intake.http.TelephonyIntakeIT.newCall;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.channel.telephony.io.TelephonyKeys;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One caller, one callback ticket, at any partition count (issue "Hardening" 5): the callback
 * window lives in the caller's partition, not in the partition of each call's id.
 */
@Tag("cluster")
class CallbackWindowIT {

  @Test
  void repeatedAbandonedCallsOfOneNumberAreOneCallbackTicketWhateverPartitionTheirIdsFallIn()
      throws Exception {
    try (TestGateway g =
        TestGateway.start(
            "stream:\n  partitions: 4\n" + TelephonyFixtures.yaml("https://api.twilio.com/", ""),
            Clock.systemUTC())) {
      TelephonyClient c = new TelephonyClient(g);
      TelephonyKeys keys = new TelephonyKeys(g.config().stream().keyPrefix(), g.keys());
      List<String> ids = new ArrayList<>();
      Set<Integer> partitions = new HashSet<>();
      for (int i = 0; ids.size() < 3; i++) {
        if (partitions.add(keys.partitionOf("zammad-asterisk", "call-" + i))) {
          ids.add("call-" + i);
        }
      }
      String number = TelephonyFixtures.mobile();
      for (String id : ids) {
        newCall(c, id, number);
        assertThat(hangup(c, id, number, "cancel").body()).contains("\"state\":\"abandoned\"");
      }

      // precondition: the calls' own events did land in different partitions
      assertThat(
              IntStream.range(0, 4)
                  .filter(p -> TestRedis.streamLength(g.keys().messages(p)) > 0)
                  .count())
          .isEqualTo(3);
      List<JsonNode> tickets = c.ticketsOfAllPartitions();
      assertThat(tickets).hasSize(3);
      assertThat(tickets.stream().filter(t -> t.path("type").asText().endsWith("opened.v1")))
          .hasSize(1);
      assertThat(tickets.stream().map(t -> t.path("subject").asText()).distinct()).hasSize(1);
      assertThat(tickets.stream().map(t -> t.path("data").path("call").path("callId").asText()))
          .containsExactlyInAnyOrderElementsOf(ids);
      // the callback ticket lives where the caller's window does: the tracking number says so
      String tracking = tickets.get(0).path("data").path("trackingNumber").asText();
      int callerPartition = keys.callerPartition(tickets.get(0).path("partitionkey").asText());
      assertThat(TrackingNumbers.partitionOf(tracking)).isEqualTo(callerPartition);
    }
  }
}
