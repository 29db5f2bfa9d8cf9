package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.ConversationResult;

/** The store's answer to an append, as channels render it. */
public final class Appends {

  private Appends() {}

  /**
   * A single-shot append (it opens its ticket unless it repeated one), with the ticket's 查询码 so the
   * sender can hand the citizen their receipt.
   */
  public static Accepted accepted(AppendResult result, QueryCodes codes) {
    return new Accepted(
        result.messageId(),
        result.ticketId(),
        result.trackingNumber(),
        result.ticketId() == null || result.trackingNumber() == null
            ? null
            : codes.codeFor(result.trackingNumber(), result.ticketId()),
        !result.duplicate(),
        result.duplicate());
  }

  /**
   * A conversational append (it opened the ticket, or joined an open one), with the ticket's 查询码.
   */
  public static Accepted accepted(ConversationResult r, QueryCodes codes) {
    AppendResult result = r.result();
    return new Accepted(
        result.messageId(),
        result.ticketId(),
        result.trackingNumber(),
        result.ticketId() == null
            ? null
            : codes.codeFor(result.trackingNumber(), result.ticketId()),
        r.opened(),
        result.duplicate());
  }
}
