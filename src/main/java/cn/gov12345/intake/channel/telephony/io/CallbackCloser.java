package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.telephony.CallOutcome;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.StoreCalls;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.function.Function;

/**
 * The close of a callback-required call (issue "Hardening" 5: one caller, one callback ticket, at
 * any partition count). {@code call.lua} defers it with the ticket's events as templates; this runs
 * {@code callback.lua} in the caller's partition (open a ticket or append to the caller's open
 * one), then the call's {@code settle} step in the call's partition. Both steps are idempotent, and
 * a close interrupted between them is offered again by the sweeper's timeout step.
 */
final class CallbackCloser {

  /** call.lua's answer for a deferred close. */
  static final int DEFERRED = 3;

  private static final LuaScript CALLBACK = LuaScript.load("callback");

  private final TelephonyKeys keys;
  private final Function<Request, Future<Response>> redis;
  private final Ids ids;
  private final IntakeMetrics metrics;
  private final long windowMillis;
  private final long closeTtlSeconds;
  private final long statusRetentionSeconds;

  CallbackCloser(
      TelephonyKeys keys,
      Function<Request, Future<Response>> redis,
      Ids ids,
      IntakeMetrics metrics,
      long windowMillis,
      long closeTtlSeconds,
      long statusRetentionSeconds) {
    this.keys = keys;
    this.redis = redis;
    this.ids = ids;
    this.metrics = metrics;
    this.windowMillis = windowMillis;
    this.closeTtlSeconds = closeTtlSeconds;
    this.statusRetentionSeconds = statusRetentionSeconds;
  }

  /**
   * @param deferred call.lua's answer {3, state, '', '', 'window', opened, appended, record,
   *     caller}
   * @param callKeys the KEYS of the call step (its partition)
   */
  Future<CallOutcome> close(
      Response deferred, String[] callKeys, Instant now, String account, String callId) {
    String state = deferred.get(1).toString();
    String caller = deferred.get(8).toString();
    int p = keys.callerPartition(caller);
    String day = TrackingNumbers.day(now);
    String[] callbackKeys = {
      keys.callbackWindow(account, caller),
      keys.streams().tickets(p),
      keys.streams().sequence(p, day),
      keys.streams().statusDay(p, day),
      keys.callbackClose(caller, account, callId)
    };
    long started = System.nanoTime();
    Future<Response> callback =
        CALLBACK.run(
            callbackKeys,
            r ->
                r.arg(ids.next())
                    .arg(EventTypes.TICKET_OPENED)
                    .arg(EventTypes.TICKET_APPENDED)
                    .arg(deferred.get(5).toBytes())
                    .arg(deferred.get(6).toBytes())
                    .arg(deferred.get(7).toBytes())
                    .arg(TrackingNumbers.prefix(day, p))
                    .arg(TrackingNumbers.SEQUENCE_TTL_SECONDS)
                    .arg(statusRetentionSeconds)
                    .arg(windowMillis)
                    .arg(closeTtlSeconds)
                    .arg(deferred.size() > 9 ? deferred.get(9).toString() : ""),
            redis);
    return StoreCalls.confirmed(callback, metrics, "callback", started, r -> r)
        .compose(done -> settle(done, callKeys, now))
        .map(settled -> withState(settled, state));
  }

  private Future<CallOutcome> settle(Response done, String[] callKeys, Instant now) {
    String ticket = done.get(0).toString();
    String tracking = done.get(1).toString();
    String did = done.get(2).toString();
    long started = System.nanoTime();
    Future<Response> settle =
        RedisCallStore.CALL.run(
            callKeys,
            r ->
                r.arg("settle")
                    .arg(now.toEpochMilli())
                    .arg(now.toString())
                    .arg(ticket)
                    .arg(tracking)
                    .arg(did),
            redis);
    return StoreCalls.confirmed(settle, metrics, "call", started, RedisCallStore::outcome)
        .map(o -> new CallOutcome(false, o.state(), ticket, tracking, o.ticket()));
  }

  private static CallOutcome withState(CallOutcome o, String state) {
    return o.state().isEmpty()
        ? new CallOutcome(false, state, o.ticketId(), o.trackingNumber(), o.ticket())
        : o;
  }
}
