package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.CitizenRef.IdScheme;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A call event as a message ({@code kind = call}, no ticket of its own: the call state machine
 * opens the call's ticket). The caller becomes a phone citizen when the number normalizes, else an
 * anonymous citizen of this call (a withheld number names nobody), with the raw number sealed as
 * contact when one was given.
 */
final class CallMessages {

  private CallMessages() {}

  /** The channel account of an integration: vendor and name ({@code twilio-hotline}). */
  static String account(CallEvent e) {
    return e.vendor() + "-" + e.account();
  }

  static Inbound inbound(CallEvent e, Instant receivedAt) {
    return new Inbound(
        TelephonyChannel.NAME,
        account(e),
        MessageKind.CALL,
        e.callId() + ":" + e.kind().code(),
        e.callId() + ":" + e.token(),
        receivedAt,
        citizen(e),
        null,
        e.transcript(),
        null,
        e.recordingUrl() == null
            ? List.of()
            : List.of(new Attachment(e.recordingUrl(), null, null, null, e.recordingId())),
        false,
        channelData(e));
  }

  static CitizenRef citizen(CallEvent e) {
    CallerNumber c = e.caller();
    if (c.e164() != null) {
      return new CitizenRef(IdScheme.PHONE, c.e164(), c.e164(), null);
    }
    return new CitizenRef(
        IdScheme.ANONYMOUS, "call:" + account(e) + ":" + e.callId(), c.raw(), null);
  }

  private static Map<String, String> channelData(CallEvent e) {
    Map<String, String> out = new TreeMap<>(e.vendorFields());
    out.put("callId", e.callId());
    out.put("callEvent", e.kind().code());
    out.put("caller", e.caller().presence().name().toLowerCase(java.util.Locale.ROOT));
    put(out, "direction", e.direction());
    put(out, "agent", e.agent());
    put(out, "cause", e.cause());
    put(out, "durationSeconds", e.durationSeconds());
    put(out, "queueWaitSeconds", e.queueWaitSeconds());
    put(out, "eventAt", e.at());
    if (e.afterHours()) {
      out.put("afterHours", "true");
    }
    return out;
  }

  private static void put(Map<String, String> out, String name, Object value) {
    if (value != null) {
      out.put(name, value.toString());
    }
  }
}
