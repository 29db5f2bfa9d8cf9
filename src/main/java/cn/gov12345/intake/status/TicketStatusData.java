package cn.gov12345.intake.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code data} of a {@code ticket.status.v1} event (schema {@code ticket.status.v1.json}).
 *
 * @param trackingNumber the ticket's tracking number
 * @param ticketId the ticket (= event subject)
 * @param status the new status
 * @param at when it happened, as reported
 * @param recordedAt when the gateway recorded it (= event time)
 * @param reportedBy the destination or consumer name that reported it
 * @param channel the channel the ticket came in on (for routing)
 * @param department the department, when reported
 * @param note the progress note, when reported
 * @param reply the reply to the citizen, when reported
 * @param reopened true when the report moved the ticket back; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "trackingNumber",
  "ticketId",
  "status",
  "at",
  "recordedAt",
  "reportedBy",
  "channel",
  "department",
  "note",
  "reply",
  "reopened"
})
public record TicketStatusData(
    String trackingNumber,
    String ticketId,
    String status,
    String at,
    String recordedAt,
    String reportedBy,
    String channel,
    String department,
    String note,
    String reply,
    Boolean reopened) {}
