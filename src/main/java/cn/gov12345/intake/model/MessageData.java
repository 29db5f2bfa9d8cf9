package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code data} of {@code message.received.v1} (schema: {@code schema/message.received.v1.json}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "messageId",
  "ticketId",
  "channel",
  "account",
  "kind",
  "channelMessageId",
  "receivedAt",
  "citizen",
  "appealType",
  "text",
  "location",
  "attachments",
  "channelData"
})
public record MessageData(
    String messageId,
    String ticketId,
    String channel,
    String account,
    MessageKind kind,
    String channelMessageId,
    String receivedAt,
    CitizenData citizen,
    AppealType appealType,
    String text,
    Location location,
    List<Attachment> attachments,
    Map<String, String> channelData) {}
