package cn.gov12345.intake.status;

import cn.gov12345.intake.model.CloudEvent;
import cn.gov12345.intake.model.EventTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds what one status report writes: the {@code ticket.status.v1} event and the history step.
 */
public final class StatusEvents {

  private static final String SCHEMA_BASE = "urn:cn-gov12345:intake:schema:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusEvents() {}

  /** The event: source = the reporter, subject = the ticket, time = when it was recorded. */
  public static byte[] event(String eventId, TicketStatusData data, Reporter reporter) {
    return write(
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            eventId,
            reporter.source(),
            EventTypes.TICKET_STATUS,
            data.ticketId(),
            data.recordedAt(),
            CloudEvent.JSON,
            SCHEMA_BASE + EventTypes.TICKET_STATUS,
            null,
            data));
  }

  /** The event data of one report on one ticket. */
  public static TicketStatusData data(
      Located ticket, StatusUpdate update, Reporter reporter, Instant recordedAt) {
    return new TicketStatusData(
        ticket.trackingNumber(),
        ticket.ticketId(),
        update.status().wire(),
        update.at().toString(),
        recordedAt.toString(),
        reporter.name(),
        ticket.channel(),
        update.department(),
        update.note(),
        update.reply(),
        update.reopen() ? Boolean.TRUE : null);
  }

  /** The step appended to the record's history (read back by {@link TicketRecord}). */
  public static byte[] historyStep(TicketStatusData data, String eventId) {
    ObjectNode step = JSON.valueToTree(data);
    step.remove("trackingNumber");
    step.remove("ticketId");
    step.remove("channel");
    step.put("eventId", eventId);
    return write(step);
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status events always serialize", e);
    }
  }
}
