package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code data} of {@code ticket.appended.v1}: a later message of an open ticket (a clue: more text,
 * a photo, a location). {@code trackingNumber} and {@code ticketId} come first; the conversation
 * script fills them in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "trackingNumber",
  "ticketId",
  "messageId",
  "appendedAt",
  "channel",
  "account",
  "citizen",
  "kind",
  "text",
  "location",
  "attachments"
})
public record TicketAppendedData(
    String trackingNumber,
    String ticketId,
    String messageId,
    String appendedAt,
    String channel,
    String account,
    CitizenData citizen,
    MessageKind kind,
    String text,
    Location location,
    List<Attachment> attachments) {}
