package cn.gov12345.intake.stream;

import java.util.List;

/**
 * One atomic conversational accept: the message either opens the citizen's conversation ticket or
 * is appended to the open one; the script decides, so the events arrive split around the ticket id
 * and tracking number it fills in.
 *
 * @param partition the citizen's partition
 * @param dedupKey full Redis key of the channel's idempotency identity
 * @param conversationKey full Redis key of the citizen's open conversation
 * @param windowMillis idle window: the conversation key's TTL, refreshed by every message
 * @param messageId CloudEvent id of the message event
 * @param messageParts the message event around its two ticket ids (3 parts)
 * @param opening the ticket opened when no conversation is open (its id is the new ticket id)
 * @param appendedParts the appended event around ticket id, tracking number, ticket id (4 parts)
 * @param fetches downloads to schedule with the message, atomically (may be empty)
 * @param route the citizen's reply route ({@code ""} = none)
 * @param ticketIndex full Redis key of the citizen's ticket index on this channel account (hash:
 *     tracking number → ticket id; {@code ""} = not kept): a ticket the message opens is added
 * @param claimedTrackingNumber a tracking number the message names ({@code ""} = none): when it is
 *     in the ticket index the message is appended to that ticket, whatever conversation is open
 */
public record ConversationAppend(
    int partition,
    String dedupKey,
    String conversationKey,
    long windowMillis,
    String messageId,
    List<byte[]> messageParts,
    Append.TicketOpening opening,
    List<byte[]> appendedParts,
    List<PendingFetch> fetches,
    String route,
    String ticketIndex,
    String claimedTrackingNumber) {

  public ConversationAppend {
    fetches = fetches == null ? List.of() : List.copyOf(fetches);
    route = route == null ? "" : route;
    ticketIndex = ticketIndex == null ? "" : ticketIndex;
    claimedTrackingNumber =
        claimedTrackingNumber == null || ticketIndex.isEmpty() ? "" : claimedTrackingNumber;
  }
}
