package cn.gov12345.intake.pipeline;

import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.stream.ConversationResult;
import io.vertx.core.Future;

/**
 * Where a chat text that answers an open 回访 survey is taken instead of becoming a message (the
 * survey's {@code SurveyInbox}, docs/survey.md). Ports the conversation pipeline consults before it
 * appends a text; the survey decides and records atomically, per inbound message.
 */
@FunctionalInterface
public interface RatingInbox {

  /** No surveys: every text is a message. */
  RatingInbox NONE = (in, citizen) -> Future.succeededFuture(null);

  /**
   * @return what the message became when it answered a survey (a rating, or the question which
   *     ticket it rates), or null when it is an ordinary message; fails with {@link
   *     cn.gov12345.intake.error.StoreUnavailableException} when the store did not confirm
   */
  Future<ConversationResult> take(Inbound in, CitizenData citizen);
}
