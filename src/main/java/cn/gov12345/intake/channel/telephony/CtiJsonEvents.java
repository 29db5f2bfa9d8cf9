package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the generic CTI JSON event (strict: UTF-8, no unknown or duplicate fields) into a {@link
 * CallEvent}. The Standard Webhooks signature has been checked before; its {@code webhook-id} is
 * the event's idempotency token.
 */
final class CtiJsonEvents {

  static final String VENDOR = "cti";

  private static final ObjectReader READER = newReader();

  private static final Map<String, CallEventKind> EVENTS =
      Map.of(
          "ringing", CallEventKind.RINGING,
          "queued", CallEventKind.QUEUED,
          "answered", CallEventKind.ANSWERED,
          "transferred", CallEventKind.TRANSFERRED,
          "abandoned", CallEventKind.ABANDONED,
          "voicemail", CallEventKind.VOICEMAIL,
          "recording-ready", CallEventKind.RECORDING,
          "transcript-ready", CallEventKind.TRANSCRIPT);

  private final Callers callers;

  CtiJsonEvents(Callers callers) {
    this.callers = callers;
  }

  private static ObjectReader newReader() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(4)
                .maxStringLength(32 * 1024)
                .maxNumberLength(12)
                .build());
    return mapper.readerFor(CtiPayload.class);
  }

  CallEvent read(String source, String webhookId, byte[] body) {
    CtiPayload p = parse(body);
    String callId = TelephonyChannel.callId(p.callId());
    if (p.timestamp() == null || p.event() == null || p.caller() == null) {
      throw new ChannelException(
          ErrorCode.MISSING_PARAMETER, "callId, event, timestamp and caller are required.");
    }
    String direction = "outbound".equals(p.direction()) ? "outbound" : "inbound";
    CallEventKind kind = kind(p, direction);
    checkPayload(p, kind);
    return new CallEventBuilder(VENDOR, source, callId)
        .kind(kind, webhookId)
        .at(instant(p.timestamp(), "timestamp"))
        .caller(callers.of(p.caller()))
        .callee(p.callee())
        .direction(direction)
        .agent(p.agent())
        .cause(kind.terminal() ? Objects.requireNonNullElse(p.cause(), p.event()) : null)
        .duration(nonNegative(p.durationSeconds()))
        .queueWait(nonNegative(p.queueWaitSeconds()))
        .answeredAt(p.answeredAt() == null ? null : instant(p.answeredAt(), "answeredAt"))
        .recording(p.recordingUrl(), p.recordingId())
        .transcript(blank(p.transcript()) ? null : p.transcript().strip())
        .field("event", p.event())
        .field("sequence", p.sequence() == null ? null : p.sequence().toString())
        .field("queue", p.queue())
        .build();
  }

  private static void checkPayload(CtiPayload p, CallEventKind kind) {
    if (kind == CallEventKind.RECORDING && blank(p.recordingUrl())) {
      throw TwilioCallbacks.invalid("recording-ready needs recordingUrl.");
    }
    if (kind == CallEventKind.TRANSCRIPT && blank(p.transcript())) {
      throw TwilioCallbacks.invalid("transcript-ready needs transcript.");
    }
  }

  private static CallEventKind kind(CtiPayload p, String direction) {
    if ("ended".equals(p.event())) {
      if (p.answeredAt() != null) {
        return CallEventKind.COMPLETED;
      }
      return "outbound".equals(direction) ? CallEventKind.MISSED : CallEventKind.ABANDONED;
    }
    CallEventKind kind = EVENTS.get(p.event());
    if (kind == null) {
      throw TwilioCallbacks.invalid("event '" + shown(p.event()) + "' is not a CTI event.");
    }
    return kind;
  }

  private static CtiPayload parse(byte[] body) {
    try {
      String text = StrictJson.text(body);
      CtiPayload p = READER.readValue(text);
      if (p == null) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body must be a JSON object.");
      }
      return p;
    } catch (UnrecognizedPropertyException e) {
      throw TwilioCallbacks.invalid(
          "Unknown field '" + shown(e.getPropertyName()) + "'; see the telephony contract.");
    } catch (JsonProcessingException e) {
      throw new ChannelException(
          ErrorCode.MALFORMED_JSON, "The body is not a valid CTI event JSON object.");
    }
  }

  private static Instant instant(String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw TwilioCallbacks.invalid(
          field + " must be an RFC 3339 instant, e.g. 2026-01-15T02:30:00Z.");
    }
  }

  private static Integer nonNegative(Integer v) {
    if (v != null && (v < 0 || v > 10_000_000)) {
      throw TwilioCallbacks.invalid("Durations are non-negative numbers of seconds.");
    }
    return v;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String shown(String name) {
    String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
  }
}
