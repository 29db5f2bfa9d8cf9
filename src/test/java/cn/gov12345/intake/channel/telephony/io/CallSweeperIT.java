package cn.gov12345.intake.channel.telephony.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.CallOutcome;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls without an end event: closed once, however many replicas sweep at the same time. */
class CallSweeperIT {

  @Test
  void threeReplicasSweepingAtOnceOpenOneTicketPerTimedOutCall() throws Exception {
    Instant later = Instant.now().plus(Duration.ofHours(3));
    try (CallMachine m = new CallMachine()) {
      for (int i = 0; i < 20; i++) {
        String callId = "sweep-" + i;
        m.send(
            m.cti(
                CallStateMachinePropertyIT.cti(
                    callId, "ringing", Instant.now().toString(), "13900000" + (100 + i), "")));
        if (i % 2 == 0) {
          m.send(
              m.cti(
                  CallStateMachinePropertyIT.cti(
                      callId,
                      "answered",
                      Instant.now().toString(),
                      "13900000" + (100 + i),
                      ",\"agent\":\"a-1\"")));
        }
      }
      assertThat(TestRedis.call(Command.ZCARD, m.keys.openCalls(0)).toLong()).isEqualTo(20);
      try (CallMachine later1 = m.at(later);
          CallMachine later2 = m.at(later);
          CallMachine later3 = m.at(later)) {
        List<Integer> opened =
            Future.all(later1.sweeper.sweep(0), later2.sweeper.sweep(0), later3.sweeper.sweep(0))
                .await(30, TimeUnit.SECONDS)
                .list();
        assertThat(opened.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
      }
      List<JsonNode> tickets = m.tickets();
      assertThat(tickets).hasSize(20);
      assertThat(tickets)
          .extracting(t -> t.path("data").path("call").path("state").asText())
          .containsOnly("timed_out");
      assertThat(
              tickets.stream()
                  .filter(t -> t.path("data").path("call").path("callbackRequired").asBoolean()))
          .as("the unanswered half needs a call-back")
          .hasSize(10);
      assertThat(TestRedis.call(Command.ZCARD, m.keys.openCalls(0)).toLong()).isZero();
      // a late end event changes nothing: the terminal state is sticky
      CallOutcome late =
          m.send(
              m.cti(
                  CallStateMachinePropertyIT.cti(
                      "sweep-0",
                      "ended",
                      Instant.now().toString(),
                      "13900000100",
                      ",\"answeredAt\":\"" + Instant.now() + "\"")));
      assertThat(late.state()).isEqualTo("timed_out");
      assertThat(m.tickets()).hasSize(20);
    }
  }
}
