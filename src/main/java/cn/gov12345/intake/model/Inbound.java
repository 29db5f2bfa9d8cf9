package cn.gov12345.intake.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message as a channel understood it: authenticated and parsed, not yet pseudonymized. This is
 * what every channel produces and the pipeline consumes.
 *
 * @param channel channel name ({@code webhook}, {@code wechat}, …)
 * @param account the channel account it arrived on (webhook source, official account, …)
 * @param kind text, media, location, call, form or event
 * @param channelMessageId the sender's own id for the message
 * @param dedupKey the channel's idempotency identity, unique within {@code channel:account}
 * @param receivedAt when the gateway received it
 * @param citizen who sent it (raw; pseudonymized downstream)
 * @param appealType what the sender says it is, or null
 * @param text the message text, or null
 * @param location where, or null
 * @param attachments file references (may be empty)
 * @param opensTicket true for a message that belongs to a ticket: a single-shot submission opens
 *     its own; a conversational channel's message opens one or joins the open one
 * @param channelData vendor fields kept as sent (types, keys, media ids, unknown message types);
 *     never personal identifiers (may be empty)
 */
public record Inbound(
    String channel,
    String account,
    MessageKind kind,
    String channelMessageId,
    String dedupKey,
    Instant receivedAt,
    CitizenRef citizen,
    AppealType appealType,
    String text,
    Location location,
    List<Attachment> attachments,
    boolean opensTicket,
    Map<String, String> channelData) {

  public Inbound {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    channelData = channelData == null ? Map.of() : Map.copyOf(channelData);
  }

  /** An inbound message without vendor fields. */
  public Inbound(
      String channel,
      String account,
      MessageKind kind,
      String channelMessageId,
      String dedupKey,
      Instant receivedAt,
      CitizenRef citizen,
      AppealType appealType,
      String text,
      Location location,
      List<Attachment> attachments,
      boolean opensTicket) {
    this(
        channel,
        account,
        kind,
        channelMessageId,
        dedupKey,
        receivedAt,
        citizen,
        appealType,
        text,
        location,
        attachments,
        opensTicket,
        Map.of());
  }

  @Override
  public String toString() {
    return "Inbound[channel="
        + channel
        + ", account="
        + account
        + ", kind="
        + kind
        + ", channelMessageId="
        + channelMessageId
        + ", attachments="
        + attachments.size()
        + "]";
  }
}
