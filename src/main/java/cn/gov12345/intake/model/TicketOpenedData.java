package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code data} of {@code ticket.opened.v1}: everything a handling department needs without reading
 * the messages stream. {@code trackingNumber} comes first (it is filled in by the accept script).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "trackingNumber",
  "ticketId",
  "openedAt",
  "channel",
  "account",
  "citizen",
  "appealType",
  "text",
  "location",
  "attachments",
  "messageIds"
})
public record TicketOpenedData(
    String trackingNumber,
    String ticketId,
    String openedAt,
    String channel,
    String account,
    CitizenData citizen,
    AppealType appealType,
    String text,
    Location location,
    List<Attachment> attachments,
    List<String> messageIds) {}
