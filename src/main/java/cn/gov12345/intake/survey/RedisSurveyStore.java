package cn.gov12345.intake.survey;

import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Surveys on Redis (docs/survey.md): {@code survey_open.lua} registers an open survey under the
 * address the citizen answers from, {@code survey_answer.lua} decides once per inbound message
 * which survey a text answers, {@code survey_rate.lua} records the one rating of a ticket with its
 * events. The index keys carry the answering pseudonym's partition tag, the rating keys the
 * ticket's.
 */
public final class RedisSurveyStore {

  private static final LuaScript OPEN = LuaScript.load("survey_open");
  private static final LuaScript ANSWER = LuaScript.load("survey_answer");
  private static final LuaScript RATE = LuaScript.load("survey_rate");

  private final StreamKeys keys;
  private final long dedupTtlSeconds;
  private final Clock clock;
  private final Function<Request, Future<Response>> redis;

  public RedisSurveyStore(
      StreamKeys keys, Duration dedupTtl, Clock clock, Function<Request, Future<Response>> redis) {
    this.keys = keys;
    this.dedupTtlSeconds = dedupTtl.toSeconds();
    this.clock = clock;
    this.redis = redis;
  }

  /** What {@link #answer} decided: none, rated, ask or dup, with the script's detail. */
  public record Answered(String kind, String detail) {}

  /** What {@link #rate} did: 1 recorded, 0 rated before ({@code stored} = that rating), -1 none. */
  public record Rate(int result, String stored) {}

  /** Registers ticket's open survey under the answering address's pseudonym. */
  public Future<Boolean> open(
      String pseudonym, String ticketId, String trackingNumber, long expiresAtMillis) {
    String[] k = {keys.surveys(keys.partitionOf(pseudonym), pseudonym)};
    return OPEN.run(
            k,
            r -> r.arg(ticketId).arg(trackingNumber).arg(expiresAtMillis).arg(clock.millis()),
            redis)
        .map(r -> r.toInteger() == 1)
        .recover(RedisSurveyStore::unavailable);
  }

  /**
   * Which open survey of the citizen (by the pseudonym of the address they wrote from) an inbound
   * text answers.
   *
   * @param channel the inbound channel, @param account its account, @param dedupKey the message's
   *     own dedup key (a retried push is answered as before)
   * @param named the tracking number the text named, or null
   */
  public Future<Answered> answer(
      String pseudonym,
      String channel,
      String account,
      String dedupKey,
      String named,
      Rating rating) {
    int p = keys.partitionOf(pseudonym);
    String[] k = {
      keys.surveys(p, pseudonym), keys.dedup(p, "survey", channel + "-" + account, dedupKey)
    };
    return ANSWER
        .run(
            k,
            r ->
                r.arg(clock.millis())
                    .arg(named == null ? "" : named)
                    .arg(dedupTtlSeconds)
                    .arg(rating.value()),
            redis)
        .map(r -> new Answered(r.get(0).toString(), r.size() > 1 ? r.get(1).toString() : ""))
        .recover(RedisSurveyStore::unavailable);
  }

  /** The ticket's status record (JSON), or null. */
  public Future<String> record(String trackingNumber) {
    return redis
        .apply(Request.cmd(Command.HGET).arg(statusDay(trackingNumber)).arg(trackingNumber))
        .map(r -> r == null ? null : r.toString())
        .recover(RedisSurveyStore::unavailable);
  }

  /**
   * Records the ticket's rating once, with its events.
   *
   * @param kept the rating as the status record keeps it (JSON)
   * @param reopen the {@code ticket.reopen.requested} event, or null
   * @param reopenKept the reopen request as the record keeps it (JSON), or null
   */
  public Future<Rate> rate(
      String trackingNumber,
      String ticketId,
      String kept,
      byte[] rated,
      byte[] reopen,
      String reopenKept) {
    int p = TrackingNumbers.partitionOf(trackingNumber);
    String[] k = {statusDay(trackingNumber), keys.tickets(p)};
    return RATE.run(
            k,
            r ->
                r.arg(trackingNumber)
                    .arg(ticketId)
                    .arg(kept)
                    .arg(EventTypes.TICKET_RATED)
                    .arg(rated)
                    .arg(EventTypes.TICKET_REOPEN_REQUESTED)
                    .arg(reopen == null ? new byte[0] : reopen)
                    .arg(reopenKept == null ? "" : reopenKept),
            redis)
        .map(r -> new Rate(r.get(0).toInteger(), r.size() > 1 ? r.get(1).toString() : null))
        .recover(RedisSurveyStore::unavailable);
  }

  private String statusDay(String trackingNumber) {
    return keys.statusDay(
        TrackingNumbers.partitionOf(trackingNumber), trackingNumber.substring(0, 6));
  }

  private static <T> Future<T> unavailable(Throwable e) {
    return Future.failedFuture(
        new StoreUnavailableException("The store did not confirm the survey; retry later.", e));
  }
}
