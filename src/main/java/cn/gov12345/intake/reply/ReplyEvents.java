package cn.gov12345.intake.reply;

import cn.gov12345.intake.model.CloudEvent;
import cn.gov12345.intake.model.EventTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** Builds the reply CloudEvents: source {@code /replies}, subject the ticket id. */
public final class ReplyEvents {

  static final String SOURCE = "/replies";
  private static final String SCHEMA_BASE = "urn:cn-gov12345:intake:schema:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplyEvents() {}

  /** A {@code reply.requested.v1} event. */
  public static byte[] requested(String eventId, ReplyRequest r) {
    return write(event(eventId, EventTypes.REPLY_REQUESTED, r.ticketId(), r.requestedAt(), r));
  }

  /** A {@code reply.sent.v1}, {@code reply.failed.v1} or {@code reply.delivered.v1} event. */
  public static byte[] outcome(String eventId, String type, ReplyOutcome o) {
    return write(event(eventId, type, o.ticketId(), o.at(), o));
  }

  /** Reads the data of a {@code reply.requested.v1} event. */
  public static ReplyRequest request(byte[] event) {
    try {
      return JSON.treeToValue(JSON.readTree(event).path("data"), ReplyRequest.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a reply.requested event", e);
    }
  }

  private static <T> CloudEvent<T> event(
      String eventId, String type, String ticketId, String time, T data) {
    return event(eventId, SOURCE, type, ticketId, time, data);
  }

  /** A CloudEvent of the reply loop about one ticket (subject), its data's schema by type. */
  public static <T> CloudEvent<T> event(
      String eventId, String source, String type, String ticketId, String time, T data) {
    return new CloudEvent<>(
        CloudEvent.SPEC_VERSION,
        eventId,
        source,
        type,
        ticketId,
        time,
        CloudEvent.JSON,
        SCHEMA_BASE + type,
        null,
        data);
  }

  /** The JSON bytes of an event. */
  public static byte[] write(Object value) {
    try {
      return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("reply events always serialize", e);
    }
  }
}
