package cn.gov12345.intake.stream;

/**
 * One atomic accept: a message event, optionally the ticket it opens, guarded by a dedup key.
 *
 * @param partition the citizen's partition
 * @param dedupKey full Redis key of the channel's idempotency identity
 * @param messageId CloudEvent id of the message event
 * @param messageEvent the message event (CloudEvents structured JSON, UTF-8)
 * @param ticket the ticket opened with it, or null
 * @param route the citizen's reply route ({@link cn.gov12345.intake.identity.ReplyRoutes}), {@code
 *     ""} = none
 */
public record Append(
    int partition,
    String dedupKey,
    String messageId,
    byte[] messageEvent,
    TicketOpening ticket,
    String route) {

  /** An append without a reply route. */
  public Append(
      int partition, String dedupKey, String messageId, byte[] messageEvent, TicketOpening ticket) {
    this(partition, dedupKey, messageId, messageEvent, ticket, "");
  }

  /**
   * A ticket opened in the same step. Its tracking number is drawn inside the script and written
   * between {@code eventHead} and {@code eventTail}.
   *
   * @param ticketId the ticket id
   * @param day the day part of the tracking number ({@code yyMMdd}, China time)
   * @param eventHead the ticket event JSON up to the tracking number value
   * @param eventTail the rest of the ticket event JSON
   * @param statusRecord the ticket's status record ({@link StatusRecords#opened}), written with it
   */
  public record TicketOpening(
      String ticketId, String day, byte[] eventHead, byte[] eventTail, byte[] statusRecord) {}
}
