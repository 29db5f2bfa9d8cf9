package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Twilio's form-encoded voice webhooks into {@link CallEvent}s: the incoming-call webhook
 * ({@code voice}), voice status callbacks ({@code status}), recording status callbacks ({@code
 * recording}), transcription callbacks ({@code transcription}) and the {@code <Enqueue>} action
 * ({@code queue}). The signature has been checked before.
 */
final class TwilioCallbacks {

  static final String VENDOR = "twilio";
  static final List<String> HOOKS =
      List.of("voice", "status", "recording", "transcription", "queue");

  private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
  private static final Pattern SEQUENCE = Pattern.compile("\\d{1,9}");
  private static final List<String> KEPT =
      List.of(
          "CallStatus",
          "Direction",
          "SequenceNumber",
          "CallDuration",
          "RecordingStatus",
          "RecordingDuration",
          "RecordingSid",
          "TranscriptionStatus",
          "TranscriptionSid",
          "QueueResult",
          "QueueTime",
          "ApiVersion");

  private final Callers callers;

  TwilioCallbacks(Callers callers) {
    this.callers = callers;
  }

  CallEvent read(
      String account, String hook, Map<String, List<String>> form, Instant now, boolean after) {
    String callSid = sid(form, "CallSid");
    String direction = direction(FormBody.first(form, "Direction"));
    boolean outbound = "outbound".equals(direction);
    CallEventBuilder b =
        new CallEventBuilder(VENDOR, account, callSid)
            .at(timestamp(FormBody.first(form, "Timestamp"), now))
            .caller(callers.of(FormBody.first(form, outbound ? "To" : "From")))
            .callee(FormBody.first(form, outbound ? "From" : "To"))
            .direction(direction);
    for (String name : KEPT) {
      b.field(name, FormBody.first(form, name));
    }
    switch (hook) {
      case "voice" -> b.kind(CallEventKind.RINGING, "voice").afterHours(after);
      case "status" -> status(b, form);
      case "recording" -> recording(b, form);
      case "transcription" -> transcription(b, form);
      default -> queue(b, form);
    }
    return b.build();
  }

  private static void status(CallEventBuilder b, Map<String, List<String>> form) {
    String status = required(form, "CallStatus");
    String sequence = FormBody.first(form, "SequenceNumber");
    if (sequence != null && !SEQUENCE.matcher(sequence).matches()) {
      throw invalid("SequenceNumber must be a number.");
    }
    CallEventKind kind =
        switch (status) {
          case "queued", "initiated", "ringing" -> CallEventKind.RINGING;
          case "in-progress" -> CallEventKind.ANSWERED;
          case "completed" -> CallEventKind.COMPLETED;
          case "busy", "no-answer" -> CallEventKind.MISSED;
          case "canceled" -> CallEventKind.ABANDONED;
          case "failed" -> CallEventKind.FAILED;
          default -> throw invalid("CallStatus '" + status + "' is not a Twilio call status.");
        };
    b.kind(kind, "status:" + status + ":" + (sequence == null ? "-" : sequence))
        .cause(kind.terminal() ? status : null)
        .duration(seconds(form, "CallDuration"));
  }

  private static void recording(CallEventBuilder b, Map<String, List<String>> form) {
    String sid = sid(form, "RecordingSid");
    String status = required(form, "RecordingStatus");
    String url = FormBody.first(form, "RecordingUrl");
    b.kind(CallEventKind.RECORDING, "recording:" + sid + ":" + status)
        .recording("completed".equals(status) ? url : null, sid);
    if ("completed".equals(status) && (url == null || url.isBlank())) {
      throw invalid("A completed recording needs its RecordingUrl.");
    }
  }

  private static void transcription(CallEventBuilder b, Map<String, List<String>> form) {
    String sid = sid(form, "TranscriptionSid");
    String text = FormBody.first(form, "TranscriptionText");
    boolean done = "completed".equals(FormBody.first(form, "TranscriptionStatus"));
    b.kind(CallEventKind.TRANSCRIPT, "transcription:" + sid)
        .transcript(done && text != null && !text.isBlank() ? text.strip() : null);
  }

  private static void queue(CallEventBuilder b, Map<String, List<String>> form) {
    String result = required(form, "QueueResult");
    String queueSid = FormBody.first(form, "QueueSid");
    boolean hungUp = "hangup".equals(result);
    b.kind(
            hungUp ? CallEventKind.ABANDONED : CallEventKind.DEQUEUED,
            "queue:" + (queueSid == null ? "-" : queueSid) + ":" + result)
        .cause(hungUp ? "queue-hangup" : null)
        .queueWait(seconds(form, "QueueTime"));
  }

  private static String direction(String twilio) {
    if (twilio == null) {
      return null;
    }
    return twilio.startsWith("outbound") ? "outbound" : "inbound";
  }

  private static Instant timestamp(String rfc1123, Instant now) {
    if (rfc1123 == null) {
      return now;
    }
    try {
      return ZonedDateTime.parse(rfc1123, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  static Integer seconds(Map<String, List<String>> form, String name) {
    String v = FormBody.first(form, name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!v.matches("\\d{1,7}")) {
      throw invalid(name + " must be a number of seconds.");
    }
    return Integer.valueOf(v);
  }

  private static String sid(Map<String, List<String>> form, String name) {
    String v = required(form, name);
    if (!SID.matcher(v).matches()) {
      throw invalid(name + " must be two capital letters and 32 hex digits.");
    }
    return v;
  }

  static String required(Map<String, List<String>> form, String name) {
    String v = FormBody.first(form, name);
    if (v == null || v.isBlank()) {
      throw new ChannelException(
          ErrorCode.MISSING_PARAMETER, "The " + name + " field is required.");
    }
    return v.trim();
  }

  static ChannelException invalid(String why) {
    return new ChannelException(ErrorCode.INVALID_CALL_EVENT, why);
  }
}
