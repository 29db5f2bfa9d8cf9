package cn.gov12345.intake.stream;

import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.function.Function;

/**
 * The stream store on Redis: one EVALSHA of {@code accept.lua} per accept (dedup check, XADD, dedup
 * key SET in one atomic step).
 */
public final class RedisStreamStore implements StreamStore {

  private static final LuaScript ACCEPT = LuaScript.load("accept");

  private final StreamKeys keys;
  private final long dedupTtlSeconds;
  private final long statusTtlSeconds;
  private final Function<Request, Future<Response>> sender;
  private final IntakeMetrics metrics;

  /**
   * @param keys key names
   * @param dedupTtl how long dedup keys live
   * @param statusRetention how long a ticket's status record lives (status.retention)
   * @param sender sends one command (the event loop's pipelined connection)
   * @param metrics records the script latency
   */
  public RedisStreamStore(
      StreamKeys keys,
      Duration dedupTtl,
      Duration statusRetention,
      Function<Request, Future<Response>> sender,
      IntakeMetrics metrics) {
    this.keys = keys;
    this.dedupTtlSeconds = dedupTtl.toSeconds();
    this.statusTtlSeconds = statusRetention.toSeconds();
    this.sender = sender;
    this.metrics = metrics;
  }

  @Override
  public Future<AppendResult> append(Append a) {
    int p = a.partition();
    Append.TicketOpening t = a.ticket();
    String day = t == null ? "" : t.day();
    String[] scriptKeys = {
      a.dedupKey(),
      keys.messages(p),
      keys.tickets(p),
      keys.sequence(p, day.isEmpty() ? "none" : day),
      keys.statusDay(p, day.isEmpty() ? "none" : day)
    };
    String prefix = t == null ? "" : TrackingNumbers.prefix(day, p);
    long started = System.nanoTime();
    return StoreCalls.confirmed(
        ACCEPT.run(
            scriptKeys,
            r ->
                r.arg(dedupTtlSeconds)
                    .arg(a.messageId())
                    .arg(EventTypes.MESSAGE_RECEIVED)
                    .arg(a.messageEvent())
                    .arg(t == null ? "" : t.ticketId())
                    .arg(EventTypes.TICKET_OPENED)
                    .arg(t == null ? new byte[0] : t.eventHead())
                    .arg(t == null ? new byte[0] : t.eventTail())
                    .arg(prefix)
                    .arg(TrackingNumbers.SEQUENCE_TTL_SECONDS)
                    .arg(TrackingNumbers.prefixLuhnSum(prefix))
                    .arg(statusTtlSeconds)
                    .arg(t == null ? new byte[0] : t.statusRecord())
                    .arg(a.route()),
            sender),
        metrics,
        "accept",
        started,
        r -> toResult(r, a));
  }

  private static AppendResult toResult(Response r, Append a) {
    if (r.get(0).toInteger() == 1) {
      String tracking = r.get(3).toString();
      return new AppendResult(
          false,
          a.messageId(),
          a.ticket() == null ? null : a.ticket().ticketId(),
          tracking.isEmpty() ? null : tracking);
    }
    String[] prior = r.get(1).toString().split(" ", -1);
    return new AppendResult(
        true,
        prior[0],
        emptyToNull(prior.length > 1 ? prior[1] : ""),
        emptyToNull(prior.length > 2 ? prior[2] : ""));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
