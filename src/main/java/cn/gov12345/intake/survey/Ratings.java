package cn.gov12345.intake.survey;

import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.status.TicketRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Clock;

/**
 * Records a citizen's rating of a ticket, whichever way it came (a WeChat or SMS reply, the rating
 * page): once per ticket (一次一评), with the department of the last status report that named one, and
 * — when the citizen is not satisfied or the problem is not solved — a 督办 reopen request.
 */
public final class Ratings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisSurveyStore store;
  private final Ids ids;
  private final Clock clock;

  public Ratings(RedisSurveyStore store, Ids ids, Clock clock) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
  }

  /** What became of a rating. */
  public enum State {
    /** Not rated yet ({@link #current} only). */
    OPEN,
    RATED,
    ALREADY_RATED,
    UNKNOWN_TICKET
  }

  /**
   * @param rated the rating event's id (RATED), else null
   * @param rating the ticket's rating: the new one, or the one it had
   * @param solved whether solved, as recorded (null: not asked)
   */
  public record Result(State state, String rated, Rating rating, Boolean solved) {}

  /** Whether the ticket is rated (ALREADY_RATED, with its rating), OPEN, or UNKNOWN_TICKET. */
  public Future<Result> current(String trackingNumber, String ticketId) {
    return store
        .record(trackingNumber)
        .map(
            json -> {
              if (json == null) {
                return new Result(State.UNKNOWN_TICKET, null, null, null);
              }
              TicketRecord record = TicketRecord.parse(trackingNumber, json);
              JsonNode rating = record.record().path("rating");
              if (!record.ticketId().equals(ticketId)) {
                return new Result(State.UNKNOWN_TICKET, null, null, null);
              }
              if (!rating.isObject()) {
                return new Result(State.OPEN, null, null, null);
              }
              return result(new RedisSurveyStore.Rate(0, rating.toString()), null, null, null);
            });
  }

  /**
   * Rates a ticket.
   *
   * @param solved whether the problem is solved, or null when the citizen was not asked
   * @param comment the citizen's words, or null
   * @param via wechat, sms or web
   */
  public Future<Result> rate(
      String trackingNumber,
      String ticketId,
      Rating rating,
      Boolean solved,
      String comment,
      String via) {
    return store
        .record(trackingNumber)
        .compose(
            json -> {
              if (json == null) {
                return Future.succeededFuture(new Result(State.UNKNOWN_TICKET, null, null, null));
              }
              TicketRecord record = TicketRecord.parse(trackingNumber, json);
              if (!record.ticketId().equals(ticketId)) {
                return Future.succeededFuture(new Result(State.UNKNOWN_TICKET, null, null, null));
              }
              return record(record, rating, solved, comment, via);
            });
  }

  private Future<Result> record(
      TicketRecord t, Rating rating, Boolean solved, String comment, String via) {
    String now = clock.instant().toString();
    String department = t.latest("department");
    String eventId = ids.next();
    byte[] rated =
        SurveyEvents.rated(
            eventId,
            new SurveyEvents.Rated(
                t.ticketId(),
                t.trackingNumber(),
                rating.value(),
                rating.digit(),
                solved,
                comment,
                via,
                t.channel(),
                department,
                now));
    ObjectNode kept = JSON.createObjectNode().put("rating", rating.value()).put("at", now);
    kept.put("via", via);
    if (solved != null) {
      kept.put("solved", solved);
    }
    boolean reopen = rating == Rating.DISSATISFIED || Boolean.FALSE.equals(solved);
    String reason = rating == Rating.DISSATISFIED ? "dissatisfied" : "not_solved";
    byte[] reopenEvent =
        reopen
            ? SurveyEvents.reopen(
                ids.next(),
                new SurveyEvents.ReopenRequested(
                    t.ticketId(),
                    t.trackingNumber(),
                    reason,
                    true,
                    rating.value(),
                    solved,
                    t.channel(),
                    department,
                    now))
            : null;
    String reopenKept =
        reopen ? JSON.createObjectNode().put("reason", reason).put("at", now).toString() : null;
    return store
        .rate(t.trackingNumber(), t.ticketId(), kept.toString(), rated, reopenEvent, reopenKept)
        .map(r -> result(r, eventId, rating, solved));
  }

  private static Result result(
      RedisSurveyStore.Rate r, String eventId, Rating rating, Boolean solved) {
    if (r.result() == 1) {
      return new Result(State.RATED, eventId, rating, solved);
    }
    if (r.result() == 0) {
      JsonNode stored = read(r.stored());
      return new Result(
          State.ALREADY_RATED,
          null,
          Rating.of(stored.path("rating").asText()).orElse(rating),
          stored.has("solved") ? stored.get("solved").asBoolean() : null);
    }
    return new Result(State.UNKNOWN_TICKET, null, null, null);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json == null ? "{}" : json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
