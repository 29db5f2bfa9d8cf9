package cn.gov12345.intake.status;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link StatusStore} on Redis: the records live in one hash per partition and day ({@link
 * StreamKeys#statusDay}); HGETs to read, one EVALSHA of {@code status.lua} to record. Status
 * reports are namespaced in the dedup keys as channel {@code status}, account = reporter.
 */
public final class RedisStatusStore implements StatusStore {

  /** Most history steps one ticket keeps (a bound on the record's size). */
  static final int MAX_HISTORY = 200;

  /** A ticket id is made just after its message was received: at most this much later. */
  private static final long ID_AFTER_RECEIPT_MS = 60_000;

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
    String day = trackingNumber.substring(0, 6);
    return unavailableOnFailure(
        redis
            .apply(
                Request.cmd(Command.HGET).arg(keys.statusDay(partition, day)).arg(trackingNumber))
            .map(r -> r == null ? null : TicketRecord.parse(trackingNumber, r.toString())));
  }

  /**
   * The ticket's day is that of its tracking number, read from the id's UUIDv7 time (the day before
   * too, for a ticket received just before midnight); each partition is asked.
   */
  @Override
  public Future<Located> locate(String ticketId) {
    List<String> days = days(ticketId);
    List<Future<Response>> probes = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      for (String day : days) {
        probes.add(
            redis.apply(Request.cmd(Command.HGET).arg(keys.statusDay(p, day)).arg(ticketId)));
      }
    }
    return unavailableOnFailure(
        Future.all(probes)
            .compose(
                all -> {
                  for (int i = 0; i < probes.size(); i++) {
                    Response tracking = all.resultAt(i);
                    if (tracking != null) {
                      return located(i / days.size(), tracking.toString(), ticketId);
                    }
                  }
                  return Future.succeededFuture(null);
                }));
  }

  /** The days a ticket with this id can have been opened on (none for an id that is not v7). */
  static List<String> days(String ticketId) {
    UUID id;
    try {
      id = UUID.fromString(ticketId);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (id.version() != 7) {
      return List.of();
    }
    long millis = id.getMostSignificantBits() >>> 16;
    Set<String> days = new LinkedHashSet<>();
    days.add(TrackingNumbers.day(Instant.ofEpochMilli(millis)));
    days.add(TrackingNumbers.day(Instant.ofEpochMilli(millis - ID_AFTER_RECEIPT_MS)));
    return List.copyOf(days);
  }

  private Future<Located> located(int partition, String trackingNumber, String ticketId) {
    if (!TrackingNumbers.isValid(trackingNumber)) {
      return Future.succeededFuture(null);
    }
    return find(trackingNumber)
        .map(
            r ->
                r == null || !r.ticketId().equals(ticketId)
                    ? null
                    : new Located(partition, trackingNumber, ticketId, r.channel()));
  }

  @Override
  public Future<Outcome> record(Located ticket, Report report) {
    int p = ticket.partition();
    String[] scriptKeys = {
      keys.statusDay(p, ticket.trackingNumber().substring(0, 6)),
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
                        .arg(ticket.trackingNumber())
                        .arg(ticket.ticketId())
                        .arg(report.status().wire())
                        .arg(report.reopen() ? "1" : "0")
                        .arg(report.historyStep())
                        .arg(EventTypes.TICKET_STATUS)
                        .arg(report.event())
                        .arg(report.eventId())
                        .arg(MAX_HISTORY)
                        .arg(report.fingerprint()),
                redis)
            .map(RedisStatusStore::outcome));
  }

  private static Outcome outcome(Response r) {
    return switch (r.get(0).toInteger()) {
      case 1 -> new Outcome(Result.RECORDED, r.get(1).toString());
      case 0 -> new Outcome(Result.DUPLICATE, r.get(1).toString());
      case -1 -> new Outcome(Result.UNKNOWN_TICKET, null);
      case -2 -> new Outcome(Result.NOT_ALLOWED, r.get(1).toString());
      case -4 -> new Outcome(Result.KEY_REUSED, null);
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
