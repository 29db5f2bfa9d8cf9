package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.telephony.CallEvent;
import cn.gov12345.intake.channel.telephony.CallEventKind;
import cn.gov12345.intake.channel.telephony.CallerNumber;
import cn.gov12345.intake.channel.telephony.TelephonyRequest;
import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.identity.ReplyRoutes;
import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.stream.EventFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * From an authenticated call event to one {@link CallStep}: pseudonymize the caller and seal the
 * number, build the message event, pick the call's partition, write the facts the script folds and
 * the recording download it schedules.
 */
public final class CallSteps {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Pseudonymizer pseudonymizer;
  private final ContactSealer sealer;
  private final EventFactory events;
  private final TelephonyKeys keys;
  private final Ids ids;
  private final boolean routes;

  /** Call steps that keep no reply route (replies off). */
  public CallSteps(
      Pseudonymizer pseudonymizer,
      ContactSealer sealer,
      EventFactory events,
      TelephonyKeys keys,
      Ids ids) {
    this(pseudonymizer, sealer, events, keys, ids, false);
  }

  /**
   * @param routes whether the caller's reply route is kept for the call's ticket ({@code
   *     replies.enabled})
   */
  public CallSteps(
      Pseudonymizer pseudonymizer,
      ContactSealer sealer,
      EventFactory events,
      TelephonyKeys keys,
      Ids ids,
      boolean routes) {
    this.routes = routes;
    this.pseudonymizer = pseudonymizer;
    this.sealer = sealer;
    this.events = events;
    this.keys = keys;
    this.ids = ids;
  }

  public CallStep step(TelephonyRequest request) {
    CallEvent e = request.event();
    Inbound in = request.inbound();
    CitizenRef ref = in.citizen();
    CitizenData citizen =
        new CitizenData(
            pseudonymizer.pseudonym(ref.scheme(), ref.id()),
            ref.scheme().name().toLowerCase(Locale.ROOT),
            sealer.seal(ref.phone(), ref.name()));
    int partition = keys.partitionOf(in.account(), e.callId());
    String messageId = ids.next();
    return new CallStep(
        partition,
        in.account(),
        e.vendor(),
        e.callId(),
        e.token(),
        e.kind().code(),
        messageId,
        events.message(in, messageId, null, citizen),
        facts(e, partition, in, messageId, citizen),
        write(citizen),
        strength(e.caller(), ref),
        citizen.pseudonym(),
        routes && ref.scheme() == CitizenRef.IdScheme.PHONE
            ? ReplyRoutes.of(sealer, ref, in.receivedAt())
            : "");
  }

  private static String strength(CallerNumber caller, CitizenRef ref) {
    if (ref.scheme() == CitizenRef.IdScheme.PHONE) {
      return "phone";
    }
    return caller.presence() == CallerNumber.Presence.ABSENT ? "absent" : "anonymous";
  }

  private String facts(
      CallEvent e, int partition, Inbound in, String messageId, CitizenData citizen) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("at", e.at().toEpochMilli());
    f.put("atIso", e.at().toString());
    put(f, "direction", e.direction());
    put(f, "callee", e.callee());
    put(f, "agent", e.agent());
    put(f, "cause", e.cause());
    put(f, "duration", e.durationSeconds());
    put(f, "wait", e.queueWaitSeconds());
    if (e.answeredAt() != null) {
      f.put("answeredAt", e.answeredAt().toEpochMilli());
      f.put("answeredAtIso", e.answeredAt().toString());
    }
    if (e.afterHours()) {
      f.put("afterHours", true);
    }
    put(f, "transcript", e.kind() == CallEventKind.TRANSCRIPT ? e.transcript() : null);
    if (e.kind() == CallEventKind.RECORDING && e.recordingUrl() != null) {
      f.put("recording", recording(e, partition, in, messageId).toJson());
    }
    return write(f);
  }

  private static RecordingFetch recording(
      CallEvent e, int partition, Inbound in, String messageId) {
    Instant at = in.receivedAt();
    return new RecordingFetch(
        partition,
        e.vendor(),
        e.account(),
        in.account(),
        e.recordingUrl(),
        e.recordingId(),
        messageId,
        RecordingFetch.TICKET_SLOT,
        RecordingFetch.TRACKING_SLOT,
        RecordingFetch.PSEUDONYM_SLOT,
        RecordingFetch.SCHEME_SLOT,
        at.toEpochMilli(),
        0);
  }

  private static void put(Map<String, Object> f, String name, Object value) {
    if (value != null) {
      f.put(name, value);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("records and maps of strings always serialize", e);
    }
  }
}
