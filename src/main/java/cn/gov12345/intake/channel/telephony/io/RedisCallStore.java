package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.telephony.CallOutcome;
import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StoreCalls;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The call state machine on Redis: one EVALSHA of {@code call.lua} per call event, and one per call
 * that timed out. Every step is atomic, so replicas may run them concurrently.
 */
public final class RedisCallStore {

  static final LuaScript CALL = LuaScript.load("call");

  private final TelephonyKeys keys;
  private final Function<Request, Future<Response>> redis;
  private final EventFactory events;
  private final Ids ids;
  private final Clock clock;
  private final IntakeMetrics metrics;
  private final long dedupTtlSeconds;
  private final long timeoutMillis;
  private final long windowMillis;
  private final long statusRetentionSeconds;
  private final CallbackCloser callbacks;

  public RedisCallStore(
      TelephonyKeys keys,
      Function<Request, Future<Response>> redis,
      EventFactory events,
      Ids ids,
      Clock clock,
      IntakeMetrics metrics,
      Duration dedupTtl,
      Duration callTimeout,
      Duration callbackWindow,
      Duration statusRetention) {
    this.keys = keys;
    this.redis = redis;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
    this.metrics = metrics;
    this.dedupTtlSeconds = dedupTtl.toSeconds();
    this.timeoutMillis = callTimeout.toMillis();
    this.windowMillis = callbackWindow.toMillis();
    this.statusRetentionSeconds = statusRetention.toSeconds();
    this.callbacks =
        new CallbackCloser(
            keys, redis, ids, metrics, windowMillis, dedupTtlSeconds, statusRetentionSeconds);
  }

  /**
   * Records one call event and folds it into the call.
   *
   * @return the outcome; fails with {@link StoreUnavailableException} when Redis did not confirm
   */
  public Future<CallOutcome> record(CallStep s) {
    int p = s.partition();
    // one clock read: the day's sequence key and the tracking-number prefix must name the same day
    Instant now = clock.instant();
    String[] scriptKeys = scriptKeys(p, now, s.account(), s.callId());
    long started = System.nanoTime();
    Future<Response> call =
        CALL.run(
            scriptKeys,
            r ->
                common(
                        r.arg("event")
                            .arg(now.toEpochMilli())
                            .arg(now.toString())
                            .arg(s.token())
                            .arg(s.kind())
                            .arg(s.messageId())
                            .arg(s.message())
                            .arg(EventTypes.MESSAGE_RECEIVED)
                            .arg(s.facts())
                            .arg(s.citizen())
                            .arg(s.strength())
                            .arg(s.pseudonym()),
                        now,
                        p,
                        s.account(),
                        s.callId(),
                        s.vendor())
                    .arg(s.route()),
            redis);
    return confirmed(call, started, scriptKeys, now, s.account(), s.callId());
  }

  /**
   * Closes a call that had no end event in time (state {@code timed_out}, its ticket opened);
   * nothing happens when the call ended or was closed meanwhile.
   *
   * @param callKey the call's hash key (a member of the open calls)
   */
  public Future<CallOutcome> timeout(int partition, String callKey) {
    String rest = callKey.substring(callKey.indexOf(":call:") + ":call:".length());
    int colon = rest.indexOf(':');
    String account = rest.substring(0, colon);
    String callId = rest.substring(colon + 1);
    Instant now = clock.instant();
    String[] scriptKeys = scriptKeys(partition, now, account, callId);
    long started = System.nanoTime();
    String vendor = account.substring(0, Math.max(0, account.indexOf('-')));
    return confirmed(
        CALL.run(
            scriptKeys,
            r ->
                common(
                    r.arg("timeout")
                        .arg(now.toEpochMilli())
                        .arg(now.toString())
                        .arg("")
                        .arg("")
                        .arg(ids.next())
                        .arg("")
                        .arg("")
                        .arg("{}")
                        .arg("")
                        .arg("absent")
                        .arg(""),
                    now,
                    partition,
                    account,
                    callId,
                    vendor),
            redis),
        started,
        scriptKeys,
        now,
        account,
        callId);
  }

  private String[] scriptKeys(int p, Instant now, String account, String callId) {
    return new String[] {
      keys.call(p, account, callId),
      keys.streams().messages(p),
      keys.streams().tickets(p),
      keys.streams().sequence(p, TrackingNumbers.day(now)),
      keys.openCalls(p),
      keys.recordings(p),
      keys.streams().statusDay(p, TrackingNumbers.day(now))
    };
  }

  private Request common(
      Request r, Instant now, int p, String account, String callId, String vendor) {
    String source = "/channels/telephony/" + account;
    return r.arg(ids.next())
        .arg(events.envelope(ids.next(), source, EventTypes.TICKET_OPENED, now.toString()))
        .arg(events.envelope(ids.next(), source, EventTypes.TICKET_APPENDED, now.toString()))
        .arg(TrackingNumbers.prefix(TrackingNumbers.day(now), p))
        .arg(TrackingNumbers.SEQUENCE_TTL_SECONDS)
        .arg(dedupTtlSeconds)
        .arg(timeoutMillis)
        .arg(windowMillis)
        .arg("")
        .arg(account)
        .arg(callId)
        .arg(vendor)
        .arg(EventTypes.TICKET_OPENED)
        .arg(EventTypes.TICKET_APPENDED)
        .arg("")
        .arg(statusRetentionSeconds);
  }

  private Future<CallOutcome> confirmed(
      Future<Response> call,
      long started,
      String[] scriptKeys,
      Instant now,
      String account,
      String callId) {
    return StoreCalls.confirmed(call, metrics, "call", started, r -> r)
        .compose(
            r ->
                r.get(0).toInteger() == CallbackCloser.DEFERRED
                    ? callbacks.close(r, scriptKeys, now, account, callId)
                    : Future.succeededFuture(outcome(r)))
        .onSuccess(this::count);
  }

  /** {@code intake_telephony_calls_closed_total{state, ticket}}: calls that got their ticket. */
  private void count(CallOutcome o) {
    if (!o.ticket().isEmpty()) {
      Counter.builder("intake.telephony.calls.closed")
          .description(
              "Calls closed by the state machine, by final state and ticket opened/appended")
          .tag("state", o.state())
          .tag("ticket", o.ticket())
          .register(metrics.registry())
          .increment();
    }
  }

  static CallOutcome outcome(Response r) {
    return new CallOutcome(
        r.get(0).toInteger() == 0,
        r.get(1).toString(),
        r.get(2).toString(),
        r.get(3).toString(),
        r.get(4).toString());
  }
}
