package cn.gov12345.intake.survey;

import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.pipeline.RatingInbox;
import cn.gov12345.intake.reply.RedisReplyStore;
import cn.gov12345.intake.reply.ReplyEvents;
import cn.gov12345.intake.reply.ReplyRequest;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.ConversationResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WeChat or SMS text that answers the citizen's open 回访 survey ("1", "不满意", "<tracking number>
 * 3") becomes a rating of that ticket instead of a message. With several surveys open and no
 * tracking number named, the citizen is asked which (a {@code survey_which} reply listing the
 * tracking numbers) instead of guessing. A text without an open survey — late, unexpected — is an
 * ordinary message. A retried push gets the first answer again.
 */
public final class SurveyInbox implements RatingInbox {

  private final RedisSurveyStore store;
  private final Ratings ratings;
  private final RedisReplyStore replies;
  private final Ids ids;
  private final Clock clock;

  public SurveyInbox(
      RedisSurveyStore store, Ratings ratings, RedisReplyStore replies, Ids ids, Clock clock) {
    this.store = store;
    this.ratings = ratings;
    this.replies = replies;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public Future<ConversationResult> take(Inbound in, CitizenData citizen) {
    var answer = SurveyAnswers.parse(in.text());
    if (answer.isEmpty()) {
      return Future.succeededFuture(null);
    }
    SurveyAnswers.Answer a = answer.get();
    return store
        .answer(
            citizen.pseudonym(),
            in.channel(),
            in.account(),
            in.dedupKey(),
            a.trackingNumber(),
            a.rating())
        .compose(found -> decided(in, found));
  }

  private Future<ConversationResult> decided(Inbound in, RedisSurveyStore.Answered found) {
    boolean dup = found.kind().equals("dup");
    String detail = found.detail();
    String kind = dup ? detail.substring(0, detail.indexOf(' ')) : found.kind();
    String rest = dup ? detail.substring(detail.indexOf(' ') + 1) : detail;
    return switch (kind) {
      case "rated" -> rated(in, rest.split(" "), dup);
      case "ask" -> ask(in, rest.split(","), dup);
      default -> Future.succeededFuture(null);
    };
  }

  private Future<ConversationResult> rated(Inbound in, String[] answer, boolean dup) {
    String ticketId = answer[0];
    String tracking = answer[1];
    Rating rating = Rating.of(answer[2]).orElseThrow();
    return ratings
        .rate(tracking, ticketId, rating, null, null, in.channel())
        .map(
            r ->
                new ConversationResult(
                    new AppendResult(
                        dup || r.state() != Ratings.State.RATED,
                        r.rated() != null ? r.rated() : ticketId,
                        ticketId,
                        tracking),
                    false));
  }

  /** Asks which ticket the answer rates, on the newest of them (deduplicated per message). */
  private Future<ConversationResult> ask(Inbound in, String[] open, boolean dup) {
    List<String> numbers = new ArrayList<>();
    for (String o : open) {
      numbers.add(o.substring(o.indexOf(':') + 1));
    }
    String ticketId = open[0].substring(0, open[0].indexOf(':'));
    String tracking = numbers.get(0);
    String replyId = ids.next();
    ReplyRequest r =
        new ReplyRequest(
            replyId,
            ticketId,
            tracking,
            in.channel(),
            "survey_which",
            null,
            "survey_which",
            Map.of("numbers", String.join("、", numbers), "example", tracking),
            false,
            "gateway",
            clock.instant().toString(),
            null,
            null);
    String scope = "survey-which:" + in.channel() + ":" + in.account() + ":" + in.dedupKey();
    return replies
        .request(tracking, ticketId, scope, replyId, ReplyEvents.requested(ids.next(), r))
        .map(
            q ->
                new ConversationResult(
                    new AppendResult(dup, q.replyId(), ticketId, tracking), false));
  }
}
