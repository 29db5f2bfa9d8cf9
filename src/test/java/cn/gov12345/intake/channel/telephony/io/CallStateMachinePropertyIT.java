package cn.gov12345.intake.channel.telephony.io;

import static cn.gov12345.intake.channel.telephony.TelephonyFixtures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.channel.telephony.TelephonyRequest;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.redis.client.Command;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever order a call's events arrive in, however often each is repeated and whichever
 * non-final ones are lost, the call yields exactly one ticket, in the right final state, with the
 * recording scheduled once and the transcript on the ticket once. Plain JUnit with a seeded {@link
 * Random} (reproducible: the seed is in every failure message), against the real Redis.
 */
class CallStateMachinePropertyIT {

  static final long SEED = 20260115L;
  static final int CALLS = 60;

  @Test
  void anAnsweredCtiCallIsOneCompletedTicketWhateverTheOrderDuplicatesAndDrops() {
    try (CallMachine m = new CallMachine()) {
      Random random = new Random(SEED);
      List<String> callIds = new ArrayList<>();
      Map<String, boolean[]> delivered = new java.util.HashMap<>();
      for (int i = 0; i < CALLS; i++) {
        String callId = "pbx-answered-" + i;
        callIds.add(callId);
        delivered.put(
            callId, play(m, random, answeredCti(m, callId, TelephonyFixtures.mobile()), 2));
      }
      Map<String, List<JsonNode>> byCall = openedByCall(m);
      for (String callId : callIds) {
        assertThat(byCall.get(callId)).as("tickets of %s (seed %d)", callId, SEED).hasSize(1);
        JsonNode call = byCall.get(callId).get(0).path("data").path("call");
        assertThat(call.path("state").asText()).isEqualTo("completed");
        assertThat(call.path("callbackRequired").asBoolean()).isFalse();
        assertThat(call.path("durationSeconds").asInt()).isEqualTo(95);
        assertThat(call.path("answeredAt").asText()).isEqualTo("2026-01-15T02:30:20Z");
      }
      assertTranscriptOnceAndRecordingOnce(m, byCall, delivered);
    }
  }

  @Test
  void anAbandonedCtiCallIsOneCallbackTicketWithTheQueueWait() {
    try (CallMachine m = new CallMachine()) {
      Random random = new Random(SEED + 1);
      List<String> callIds = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        String callId = "pbx-abandoned-" + i;
        callIds.add(callId);
        String caller = TelephonyFixtures.mobile();
        List<Supplier<TelephonyRequest>> events =
            List.of(
                () -> m.cti(cti(callId, "ringing", "2026-01-15T02:30:00Z", caller, "")),
                () -> m.cti(cti(callId, "queued", "2026-01-15T02:30:05Z", caller, "")),
                () ->
                    m.cti(
                        cti(
                            callId,
                            "abandoned",
                            "2026-01-15T02:31:45Z",
                            caller,
                            ",\"cause\":\"caller-hangup\"")));
        play(m, random, events, 2);
      }
      Map<String, List<JsonNode>> byCall = openedByCall(m);
      for (String callId : callIds) {
        assertThat(byCall.get(callId)).as("tickets of %s", callId).hasSize(1);
        JsonNode data = byCall.get(callId).get(0).path("data");
        assertThat(data.path("call").path("state").asText()).isEqualTo("abandoned");
        assertThat(data.path("call").path("callbackRequired").asBoolean()).isTrue();
        assertThat(data.path("citizen").path("contact").asText()).as("sealed number").isNotEmpty();
        if (data.path("call").has("queueWaitSeconds")) {
          assertThat(data.path("call").path("queueWaitSeconds").asInt()).isEqualTo(100);
        }
      }
    }
  }

  @Test
  void aTwilioCallIsOneTicketWhateverTheOrderOfItsCallbacks() {
    try (CallMachine m = new CallMachine()) {
      Random random = new Random(SEED + 2);
      List<String> callIds = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        String sid = TelephonyFixtures.callSid();
        callIds.add(sid);
        play(m, random, twilioCall(m, sid, TelephonyFixtures.mobile(), i % 2 == 0), 1);
      }
      Map<String, List<JsonNode>> byCall = openedByCall(m);
      for (int i = 0; i < CALLS; i++) {
        List<JsonNode> opened = byCall.get(callIds.get(i));
        assertThat(opened).as("tickets of call %d", i).hasSize(1);
        JsonNode call = opened.get(0).path("data").path("call");
        assertThat(call.path("state").asText()).isEqualTo(i % 2 == 0 ? "completed" : "abandoned");
        assertThat(call.path("callbackRequired").asBoolean()).isEqualTo(i % 2 != 0);
      }
    }
  }

  /**
   * Sends the events shuffled, each once plus up to {@code maxCopies} repeats, dropping each
   * non-final event (all but the last) with probability 1/4.
   */
  static boolean[] play(
      CallMachine m, Random random, List<Supplier<TelephonyRequest>> events, int maxCopies) {
    List<TelephonyRequest> sent = new ArrayList<>();
    boolean[] delivered = new boolean[events.size()];
    for (int i = 0; i < events.size(); i++) {
      boolean last = i == events.size() - 1;
      if (!last && random.nextInt(4) == 0) {
        continue;
      }
      delivered[i] = true;
      // a retry is the same request again (same webhook-id / signature)
      TelephonyRequest request = events.get(i).get();
      int copies = 1 + random.nextInt(maxCopies + 1);
      for (int c = 0; c < copies; c++) {
        sent.add(request);
      }
    }
    Collections.shuffle(sent, random);
    int duplicates = 0;
    for (TelephonyRequest e : sent) {
      duplicates += m.send(e).duplicate() ? 1 : 0;
    }
    assertThat(duplicates)
        .as("repeats answered as duplicates")
        .isEqualTo(sent.size() - sent.stream().distinct().count());
    return delivered;
  }

  static List<Supplier<TelephonyRequest>> answeredCti(CallMachine m, String callId, String caller) {
    return List.of(
        () -> m.cti(cti(callId, "ringing", "2026-01-15T02:30:00Z", caller, "")),
        () -> m.cti(cti(callId, "queued", "2026-01-15T02:30:02Z", caller, "")),
        () ->
            m.cti(
                cti(
                    callId,
                    "answered",
                    "2026-01-15T02:30:20Z",
                    caller,
                    ",\"agent\":\"agent-0107\"")),
        () ->
            m.cti(
                cti(
                    callId,
                    "recording-ready",
                    "2026-01-15T02:32:00Z",
                    caller,
                    ",\"recordingUrl\":\"https://pbx.example.gov.cn/recordings/"
                        + callId
                        + ".wav\"")),
        () ->
            m.cti(
                cti(
                    callId,
                    "transcript-ready",
                    "2026-01-15T02:33:00Z",
                    caller,
                    ",\"transcript\":\"小区门口的路灯坏了一周了\"")),
        // listed last: never dropped (it ends the call)
        () ->
            m.cti(
                cti(
                    callId,
                    "ended",
                    "2026-01-15T02:31:55Z",
                    caller,
                    ",\"answeredAt\":\"2026-01-15T02:30:20Z\",\"durationSeconds\":95,"
                        + "\"agent\":\"agent-0107\"")));
  }

  static String cti(String callId, String event, String at, String caller, String more) {
    return "{\"callId\":\""
        + callId
        + "\",\"event\":\""
        + event
        + "\",\"timestamp\":\""
        + at
        + "\",\"direction\":\"inbound\",\"caller\":\""
        + caller
        + "\",\"callee\":\"12345\""
        + more
        + "}";
  }

  static List<Supplier<TelephonyRequest>> twilioCall(
      CallMachine m, String sid, String from, boolean answered) {
    List<Supplier<TelephonyRequest>> events = new ArrayList<>();
    events.add(() -> twilio(m, "voice", sid, from, "CallStatus", "ringing"));
    events.add(
        () -> twilio(m, "status", sid, from, "CallStatus", "ringing", "SequenceNumber", "0"));
    if (answered) {
      events.add(
          () -> twilio(m, "status", sid, from, "CallStatus", "in-progress", "SequenceNumber", "1"));
      events.add(
          () ->
              twilio(
                  m,
                  "status",
                  sid,
                  from,
                  "CallStatus",
                  "completed",
                  "SequenceNumber",
                  "2",
                  "CallDuration",
                  "61"));
    } else {
      events.add(
          () -> twilio(m, "status", sid, from, "CallStatus", "canceled", "SequenceNumber", "1"));
    }
    return events;
  }

  static TelephonyRequest twilio(
      CallMachine m, String hook, String sid, String from, String... more) {
    var form = TelephonyFixtures.twilioForm(sid, from, more);
    String uri = "/channels/telephony/twilio/hotline/" + hook;
    return m.channel.twilio(
        "hotline", hook, uri, TelephonyFixtures.twilioSignature(uri, form), encode(form));
  }

  static Map<String, List<JsonNode>> openedByCall(CallMachine m) {
    return m.tickets().stream()
        .filter(e -> e.path("type").asText().endsWith("ticket.opened.v1"))
        .collect(Collectors.groupingBy(e -> e.path("data").path("call").path("callId").asText()));
  }

  static void assertTranscriptOnceAndRecordingOnce(
      CallMachine m, Map<String, List<JsonNode>> byCall, Map<String, boolean[]> delivered) {
    List<JsonNode> appended =
        m.tickets().stream()
            .filter(e -> e.path("type").asText().endsWith("ticket.appended.v1"))
            .toList();
    List<String> recordings = new ArrayList<>();
    TestRedis.call(Command.ZRANGE, m.keys.recordings(0), 0, -1)
        .forEach(r -> recordings.add(r.toString()));
    for (String callId : delivered.keySet()) {
      JsonNode opened = byCall.get(callId).get(0);
      String ticket = opened.path("subject").asText();
      long transcripts =
          (opened.path("data").has("text") ? 1 : 0)
              + appended.stream()
                  .filter(e -> e.path("subject").asText().equals(ticket))
                  .filter(e -> e.path("data").path("kind").asText().equals("text"))
                  .count();
      long scheduled =
          recordings.stream()
              .map(RecordingFetch::fromJson)
              .filter(f -> f.ticketId().equals(ticket))
              .count();
      // answeredCti: index 3 is the recording, 4 the transcript (either may have been dropped)
      assertThat(scheduled)
          .as("recordings of %s", callId)
          .isEqualTo(delivered.get(callId)[3] ? 1 : 0);
      assertThat(transcripts)
          .as("transcripts of %s", callId)
          .isEqualTo(delivered.get(callId)[4] ? 1 : 0);
    }
  }
}
