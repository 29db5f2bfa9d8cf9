package cn.gov12345.intake.survey;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.reply.ReplyEvents;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The survey's CloudEvents: source {@code /survey}, subject the ticket id (docs/survey.md). */
final class SurveyEvents {

  static final String SOURCE = "/survey";

  private SurveyEvents() {}

  /**
   * {@code data} of {@code ticket.rated.v1}.
   *
   * @param rating satisfied, basically_satisfied or dissatisfied
   * @param score the digit of the scale (1 满意 … 3 不满意)
   * @param solved whether the problem is solved, when the citizen was asked (the page asks; a
   *     one-digit text reply does not)
   * @param via how the citizen answered: wechat, sms, web
   * @param channel the channel the ticket came in on
   * @param department the department of the last status report that named one, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Rated(
      String ticketId,
      String trackingNumber,
      String rating,
      int score,
      Boolean solved,
      String comment,
      String via,
      String channel,
      String department,
      String ratedAt) {}

  /**
   * {@code data} of {@code ticket.reopen.requested.v1}: the citizen is not satisfied, or the
   * problem is not solved; {@code supervision} (督办) routes it to the supervision destination.
   *
   * @param reason dissatisfied or not_solved
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReopenRequested(
      String ticketId,
      String trackingNumber,
      String reason,
      boolean supervision,
      String rating,
      Boolean solved,
      String channel,
      String department,
      String requestedAt) {}

  static byte[] rated(String eventId, Rated r) {
    return ReplyEvents.write(
        ReplyEvents.event(eventId, SOURCE, EventTypes.TICKET_RATED, r.ticketId(), r.ratedAt(), r));
  }

  static byte[] reopen(String eventId, ReopenRequested r) {
    return ReplyEvents.write(
        ReplyEvents.event(
            eventId, SOURCE, EventTypes.TICKET_REOPEN_REQUESTED, r.ticketId(), r.requestedAt(), r));
  }
}
