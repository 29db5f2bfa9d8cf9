package cn.gov12345.intake.survey;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;

/**
 * The call center's record of a 回访 by phone (the survey of a citizen without a route came as a
 * {@code callback.requested} task): {@code {"ticketId":"…","rating":"dissatisfied","solved":false,
 * "comment":"…"}}. A signed request names its ticket in the body, as status reports do.
 *
 * @param solved whether solved, or null when the agent did not ask
 * @param comment the citizen's words as the agent noted them, or null
 */
public record PhoneRating(Rating rating, Boolean solved, String comment) {

  /** The body as sent. */
  record Wire(String ticketId, String rating, Boolean solved, String comment) {}

  /**
   * @throws ChannelException 400 {@code malformed_json} or {@code invalid_request}
   */
  public static PhoneRating parse(byte[] body, String ticketId, boolean signed) {
    Wire w = StrictJson.read(body, Wire.class);
    if (w.ticketId() == null ? signed : !w.ticketId().equals(ticketId)) {
      throw invalid("A signed rating names its ticket: ticketId, the same as in the path.");
    }
    Rating rating =
        w.rating() == null
            ? null
            : Rating.of(w.rating()).filter(r -> r.value().equals(w.rating())).orElse(null);
    if (rating == null) {
      throw invalid("rating must be one of satisfied, basically_satisfied, dissatisfied.");
    }
    String comment =
        RatingForm.comment(w.comment())
            .orElseThrow(
                () ->
                    invalid(
                        "comment is longer than 500 characters or contains control characters."));
    return new PhoneRating(rating, w.solved(), comment.isEmpty() ? null : comment);
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_REQUEST, message);
  }
}
