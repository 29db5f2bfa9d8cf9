package cn.gov12345.intake.channel;

/**
 * A message in the stream: its id and, when it belongs to a ticket, the ticket's id, tracking
 * number and 查询码; {@code opened} when this message opened the ticket, {@code duplicate} when it
 * repeated one already appended (the ids are then the original's).
 */
public record Accepted(
    String messageId,
    String ticketId,
    String trackingNumber,
    String queryCode,
    boolean opened,
    boolean duplicate)
    implements Outcome {}
