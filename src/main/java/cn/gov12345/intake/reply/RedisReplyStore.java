package cn.gov12345.intake.reply;

import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Replies on Redis (docs/replies.md): {@code reply.lua} appends a request once per dedup key,
 * {@code reply_state.lua} moves a reply's send state, and the route and status record are read from
 * the ticket's day status hash. Every key of a call carries the ticket's partition tag.
 */
public final class RedisReplyStore {

  private static final LuaScript REQUEST = LuaScript.load("reply");
  private static final LuaScript STATE = LuaScript.load("reply_state");

  private final StreamKeys keys;
  private final long dedupTtlSeconds;
  private final long stateTtlSeconds;
  private final Function<Request, Future<Response>> redis;

  /**
   * @param dedupTtl how long a request's dedup key (and a reply's send state) lives: the window in
   *     which the same reply never reaches the citizen twice
   */
  public RedisReplyStore(
      StreamKeys keys, Duration dedupTtl, Function<Request, Future<Response>> redis) {
    this.keys = keys;
    this.dedupTtlSeconds = dedupTtl.toSeconds();
    this.stateTtlSeconds = Math.max(dedupTtl.toSeconds(), Duration.ofDays(2).toSeconds());
    this.redis = redis;
  }

  /** What {@link #request} did. */
  public enum Requested {
    APPENDED,
    DUPLICATE,
    UNKNOWN_TICKET
  }

  /** A request's outcome and the reply id it stands for (the original one for a duplicate). */
  public record RequestResult(Requested result, String replyId) {}

  /**
   * Appends a {@code reply.requested.v1} event unless {@code dedupKey} was seen.
   *
   * @param dedupScope who asks and their idempotency key, e.g. {@code api:<reporter>:<key>}
   */
  public Future<RequestResult> request(
      String trackingNumber, String ticketId, String dedupScope, String replyId, byte[] event) {
    int p = TrackingNumbers.partitionOf(trackingNumber);
    String[] k = {
      keys.dedup(p, "reply", "all", dedupScope), statusDay(trackingNumber), keys.tickets(p)
    };
    return REQUEST
        .run(
            k,
            r ->
                r.arg(dedupTtlSeconds)
                    .arg(trackingNumber)
                    .arg(ticketId)
                    .arg(EventTypes.REPLY_REQUESTED)
                    .arg(event)
                    .arg(replyId),
            redis)
        .map(
            r ->
                switch (r.get(0).toInteger()) {
                  case 1 -> new RequestResult(Requested.APPENDED, replyId);
                  case 0 -> new RequestResult(Requested.DUPLICATE, r.get(1).toString());
                  default -> new RequestResult(Requested.UNKNOWN_TICKET, null);
                })
        .recover(
            e ->
                Future.failedFuture(
                    new StoreUnavailableException(
                        "The store did not confirm the reply; retry later.", e)));
  }

  /**
   * The ticket's status record and reply route ({@code null} each when absent).
   *
   * @return a list of two: record JSON, route JSON
   */
  public Future<List<String>> ticket(String trackingNumber, String ticketId) {
    return redis
        .apply(
            Request.cmd(Command.HMGET)
                .arg(statusDay(trackingNumber))
                .arg(trackingNumber)
                .arg("route:" + ticketId))
        .map(
            r -> {
              List<String> out = new ArrayList<>(2);
              for (int i = 0; i < 2; i++) {
                Response v = r.get(i);
                out.add(v == null ? null : v.toString());
              }
              return out;
            });
  }

  /**
   * The answer of a {@code wire} step: go, done (already settled) or uncertain (a lost attempt).
   */
  public record Wire(String answer, String detail) {}

  /**
   * Claims the reply for one attempt before a vendor is called: on the first chain step from the
   * stored one whose sender can reach the citizen ({@code reachable}: '1' / '0' per step).
   */
  public Future<Wire> wire(
      String trackingNumber, String replyId, String token, String reachable, String ticketId) {
    return STATE
        .run(
            stateKeys(trackingNumber, replyId),
            r ->
                r.arg("wire")
                    .arg(token)
                    .arg(reachable)
                    .arg(stateTtlSeconds)
                    .arg(ticketId)
                    .arg(trackingNumber),
            redis)
        .map(r -> new Wire(r.get(0).toString(), r.size() > 1 ? r.get(1).toString() : ""));
  }

  /**
   * One settled attempt.
   *
   * @param outcome sent, next, retry or failed
   * @param nextStep the chain step to try next (next)
   * @param eventType the event to append ({@code ""} = none)
   * @param listed the reply as the status record lists it ({@code ""} = not listed)
   */
  public record Settle(
      String outcome,
      int nextStep,
      String eventType,
      byte[] event,
      String listed,
      String sender,
      String vendorMessageId) {}

  /** Records an attempt's outcome; false when the reply was settled already. */
  public Future<Boolean> settle(String trackingNumber, String replyId, String token, Settle s) {
    return STATE
        .run(
            stateKeys(trackingNumber, replyId),
            r ->
                r.arg("settle")
                    .arg(token)
                    .arg(s.outcome())
                    .arg(s.nextStep())
                    .arg(s.eventType())
                    .arg(s.event())
                    .arg(stateTtlSeconds)
                    .arg(trackingNumber)
                    .arg(s.listed())
                    .arg(s.sender())
                    .arg(s.vendorMessageId()),
            redis)
        .map(r -> r.toInteger() == 1);
  }

  /** The partition holding a reply's state, or -1 when none does (expired, unknown). */
  public Future<Integer> findReply(String replyId) {
    List<Future<Response>> probes = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      probes.add(
          redis.apply(Request.cmd(Command.HMGET).arg(keys.reply(p, replyId)).arg("tn").arg("tk")));
    }
    return Future.all(probes)
        .map(
            all -> {
              for (int p = 0; p < probes.size(); p++) {
                Response r = all.resultAt(p);
                if (r != null && r.get(0) != null) {
                  return p;
                }
              }
              return -1;
            });
  }

  /**
   * The ticket (tracking number, ticket id), sender and vendor message id of a reply in partition
   * {@code p}.
   */
  public Future<List<String>> replyTicket(int p, String replyId) {
    return redis
        .apply(
            Request.cmd(Command.HMGET)
                .arg(keys.reply(p, replyId))
                .arg("tn")
                .arg("tk")
                .arg("via")
                .arg("vmid"))
        .map(
            r -> {
              List<String> out = new ArrayList<>(4);
              for (int i = 0; i < 4; i++) {
                out.add(r.get(i) == null ? null : r.get(i).toString());
              }
              return out;
            });
  }

  /** Records a delivery receipt once: 1 recorded, 0 already recorded, -1 unknown reply. */
  public Future<Integer> delivered(
      String trackingNumber, String replyId, String type, byte[] event) {
    return STATE
        .run(
            stateKeys(trackingNumber, replyId),
            r -> r.arg("delivered").arg(type).arg(event).arg(stateTtlSeconds),
            redis)
        .map(Response::toInteger);
  }

  /** Appends an event to the ticket's partition stream (a callback task). */
  public Future<Void> append(String trackingNumber, String type, byte[] event) {
    return redis
        .apply(
            Request.cmd(Command.XADD)
                .arg(keys.tickets(TrackingNumbers.partitionOf(trackingNumber)))
                .arg("*")
                .arg("type")
                .arg(type)
                .arg("event")
                .arg(event))
        .mapEmpty();
  }

  private String[] stateKeys(String trackingNumber, String replyId) {
    int p = TrackingNumbers.partitionOf(trackingNumber);
    return new String[] {keys.reply(p, replyId), keys.tickets(p), statusDay(trackingNumber)};
  }

  private String statusDay(String trackingNumber) {
    return keys.statusDay(
        TrackingNumbers.partitionOf(trackingNumber), trackingNumber.substring(0, 6));
  }
}
