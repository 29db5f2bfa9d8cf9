package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.channel.Outcome;

/**
 * What one step of the call state machine did.
 *
 * @param duplicate the event had been recorded before (nothing was written)
 * @param state the call's state after the step (empty before any state event)
 * @param ticketId the call's ticket, or empty while the call goes on
 * @param trackingNumber its tracking number, or empty
 * @param ticket {@code opened} or {@code appended} when this step wrote the call's ticket, else
 *     empty
 * @param queryCode the ticket's 查询码, or empty
 */
public record CallOutcome(
    boolean duplicate,
    String state,
    String ticketId,
    String trackingNumber,
    String ticket,
    String queryCode)
    implements Outcome {

  public CallOutcome(
      boolean duplicate, String state, String ticketId, String trackingNumber, String ticket) {
    this(duplicate, state, ticketId, trackingNumber, ticket, "");
  }

  /** The same outcome with the ticket's 查询码. */
  public CallOutcome withQueryCode(String code) {
    return new CallOutcome(duplicate, state, ticketId, trackingNumber, ticket, code);
  }
}
