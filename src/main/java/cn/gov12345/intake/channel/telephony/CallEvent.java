package cn.gov12345.intake.channel.telephony;

import java.time.Instant;
import java.util.Map;

/**
 * One call event as a vendor format said it, authenticated and normalized: what every telephony
 * parser produces and the call state machine folds.
 *
 * @param vendor {@code twilio}, {@code cti} or {@code zammad}
 * @param account the integration name (path segment)
 * @param callId the vendor's call id (CallSid, callId), at most 128 safe characters
 * @param kind what happened
 * @param token the event's idempotency identity within the call (status + sequence, webhook-id,
 *     recording id, …)
 * @param at when it happened (the vendor's timestamp, else when the gateway received it)
 * @param caller the calling number
 * @param callee the called number (the hotline's), or null
 * @param direction {@code inbound} or {@code outbound}, or null
 * @param agent the agent or extension who answered, or null
 * @param cause the vendor's end cause, or null
 * @param durationSeconds talk time as the vendor reports it, or null
 * @param queueWaitSeconds queue wait as the vendor reports it, or null
 * @param answeredAt when the call was answered (CTI ended events), or null
 * @param recordingUrl where the vendor keeps the recording, or null
 * @param recordingId the vendor's recording id, or null
 * @param transcript the transcription text (personal content: never logged), or null
 * @param afterHours true for an incoming call answered with the after-hours (voicemail) prompt
 * @param vendorFields vendor fields kept as sent, without personal data
 */
public record CallEvent(
    String vendor,
    String account,
    String callId,
    CallEventKind kind,
    String token,
    Instant at,
    CallerNumber caller,
    String callee,
    String direction,
    String agent,
    String cause,
    Integer durationSeconds,
    Integer queueWaitSeconds,
    Instant answeredAt,
    String recordingUrl,
    String recordingId,
    String transcript,
    boolean afterHours,
    Map<String, String> vendorFields) {

  public CallEvent {
    vendorFields = vendorFields == null ? Map.of() : Map.copyOf(vendorFields);
  }

  @Override
  public String toString() {
    return "CallEvent[" + vendor + "/" + account + ", call=" + callId + ", kind=" + kind + "]";
  }
}
