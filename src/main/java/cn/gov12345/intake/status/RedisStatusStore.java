package cn.gov12345.intake.status;

import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.EventTypes;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.stream.TrackingNumbers;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link StatusStore} on Redis: plain GETs to read, one EVALSHA of {@code status.lua} to record.
 * Status reports are namespaced in the dedup keys as channel {@code status}, account = reporter.
 */
public final class RedisStatusStore implements StatusStore {

  /** Most history steps one ticket keeps (a bound on the record's size). */
  static final int MAX_HISTORY = 200;

  private static final LuaScript STATUS = LuaScript.load("status");

  private final StreamKeys keys;
  private final long recordTtlSeconds;
  private final long dedupTtlSeconds;
  private final Function<Request, Future<Response>> redis;

  public RedisStatusStore(
      StreamKeys keys,
      Duration retention,
      Duration dedupTtl,
      Function<Request, Future<Response>> redis) {
    this.keys = keys;
    this.recordTtlSeconds = retention.toSeconds();
    this.dedupTtlSeconds = dedupTtl.toSeconds();
    this.redis = redis;
  }

  @Override
  public Future<TicketRecord> find(String trackingNumber) {
    int partition = TrackingNumbers.partitionOf(trackingNumber);
    if (partition >= keys.partitions()) {
      return Future.succeededFuture(null);
    }
    return unavailableOnFailure(
        redis
            .apply(Request.cmd(Command.GET).arg(keys.statusRecord(partition, trackingNumber)))
            .map(r -> r == null ? null : TicketRecord.parse(trackingNumber, r.toString())));
  }

  @Override
  public Future<Located> locate(String ticketId) {
    List<Future<Response>> probes = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      probes.add(redis.apply(Request.cmd(Command.GET).arg(keys.ticketById(p, ticketId))));
    }
    return unavailableOnFailure(
        Future.all(probes)
            .compose(
                all -> {
                  for (int p = 0; p < probes.size(); p++) {
                    Response tracking = all.resultAt(p);
                    if (tracking != null) {
                      return located(p, tracking.toString(), ticketId);
                    }
                  }
                  return Future.succeededFuture(null);
                }));
  }

  private Future<Located> located(int partition, String trackingNumber, String ticketId) {
    return find(trackingNumber)
        .map(
            r ->
                r == null || !r.ticketId().equals(ticketId)
                    ? null
                    : new Located(
                        partition, trackingNumber, ticketId, r.record().path("channel").asText()));
  }

  @Override
  public Future<Outcome> record(Located ticket, Report report) {
    int p = ticket.partition();
    String[] scriptKeys = {
      keys.statusRecord(p, ticket.trackingNumber()),
      keys.ticketById(p, ticket.ticketId()),
      keys.tickets(p),
      keys.dedup(
          p, "status", report.reporter().kind() + "-" + report.reporter().name(), report.dedupKey())
    };
    return unavailableOnFailure(
        STATUS
            .run(
                scriptKeys,
                r ->
                    r.arg(recordTtlSeconds)
                        .arg(dedupTtlSeconds)
                        .arg(ticket.ticketId())
                        .arg(report.status().wire())
                        .arg(report.reopen() ? "1" : "0")
                        .arg(report.historyStep())
                        .arg(EventTypes.TICKET_STATUS)
                        .arg(report.event())
                        .arg(report.eventId())
                        .arg(MAX_HISTORY),
                redis)
            .map(RedisStatusStore::outcome));
  }

  private static Outcome outcome(Response r) {
    return switch (r.get(0).toInteger()) {
      case 1 -> new Outcome(Result.RECORDED, r.get(1).toString());
      case 0 -> new Outcome(Result.DUPLICATE, r.get(1).toString());
      case -1 -> new Outcome(Result.UNKNOWN_TICKET, null);
      case -2 -> new Outcome(Result.NOT_ALLOWED, r.get(1).toString());
      default -> new Outcome(Result.HISTORY_FULL, null);
    };
  }

  private static <T> Future<T> unavailableOnFailure(Future<T> call) {
    return call.recover(
        err ->
            Future.failedFuture(
                new StoreUnavailableException(
                    "The ticket store did not answer; retry later.", err)));
  }
}
