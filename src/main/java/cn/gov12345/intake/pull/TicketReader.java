package cn.gov12345.intake.pull;

import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Reads the ticket streams of every partition from a {@link Cursor}, merged into one sequence
 * ordered by stream entry id (strict within a partition; across partitions by the time Redis
 * appended them). Each partition is read with {@code XRANGE key (lastId + COUNT n}, so nothing is
 * read twice and nothing is skipped. Entries whose type the consumer may not see still move the
 * cursor; a page that they would leave short is topped up by a few more reads.
 */
public final class TicketReader {

  /** At most this many XRANGE rounds per page when a type filter skips entries. */
  private static final int MAX_ROUNDS = 8;

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::id, StreamIds.ORDER).thenComparingInt(Entry::partition);

  private final StreamKeys keys;
  private final Function<Request, Future<Response>> sender;

  /**
   * @param keys the stream keys
   * @param sender sends one command to Redis
   */
  public TicketReader(StreamKeys keys, Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.sender = sender;
  }

  /** One event and the cursor that resumes right after it. */
  public record PulledEvent(String type, Buffer json, Cursor after) {}

  /** Up to {@code limit} events and the cursor that resumes after the last entry read. */
  public record Page(List<PulledEvent> events, Cursor next) {}

  private record Entry(int partition, String id, String type, Buffer event) {}

  /**
   * Reads the next page.
   *
   * @param from where the consumer is
   * @param limit the most events to return
   * @param wanted which event types the consumer sees
   * @return the page; fails with {@link StoreUnavailableException} when Redis does not answer
   */
  public Future<Page> read(Cursor from, int limit, Predicate<String> wanted) {
    return round(from, limit, wanted, new ArrayList<>(), 1).recover(TicketReader::unavailable);
  }

  /**
   * The cursor at the current end of every partition (where a stream opened without a cursor
   * starts).
   */
  public Future<Cursor> end() {
    List<Future<Response>> reads =
        eachPartition(
            p ->
                Request.cmd(Command.XREVRANGE)
                    .arg(keys.tickets(p))
                    .arg("+")
                    .arg("-")
                    .arg("COUNT")
                    .arg(1));
    return Future.all(reads)
        .map(
            all ->
                Cursor.of(
                    reads.stream()
                        .map(Future::result)
                        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString())
                        .toList()))
        .recover(TicketReader::unavailable);
  }

  /** Sends one command per partition, all at once. */
  private List<Future<Response>> eachPartition(IntFunction<Request> command) {
    List<Future<Response>> replies = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      replies.add(sender.apply(command.apply(p)));
    }
    return replies;
  }

  private static <T> Future<T> unavailable(Throwable err) {
    return Future.failedFuture(
        err instanceof StoreUnavailableException
            ? err
            : new StoreUnavailableException("The ticket store did not answer; retry later.", err));
  }

  private Future<Page> round(
      Cursor from, int limit, Predicate<String> wanted, List<PulledEvent> taken, int round) {
    int count = limit - taken.size();
    List<Future<Response>> reads =
        eachPartition(
            p ->
                Request.cmd(Command.XRANGE)
                    .arg(keys.tickets(p))
                    .arg("(" + from.lastId(p))
                    .arg("+")
                    .arg("COUNT")
                    .arg(count));
    return Future.all(reads)
        .compose(
            all -> {
              List<Entry> entries = new ArrayList<>();
              String horizon = null;
              for (int p = 0; p < reads.size(); p++) {
                Response r = reads.get(p).result();
                int size = r == null ? 0 : r.size();
                for (int i = 0; i < size; i++) {
                  entries.add(entry(p, r.get(i)));
                }
                if (size == count) {
                  String last = entries.get(entries.size() - 1).id();
                  horizon =
                      horizon == null || StreamIds.ORDER.compare(last, horizon) < 0
                          ? last
                          : horizon;
                }
              }
              Cursor next = take(entries, from, limit, wanted, taken, horizon);
              boolean more = horizon != null;
              if (taken.size() < limit && more && round < MAX_ROUNDS) {
                return round(next, limit, wanted, taken, round + 1);
              }
              return Future.succeededFuture(new Page(List.copyOf(taken), next));
            });
  }

  /**
   * Walks the merged entries up to the horizon (the lowest last id of a partition that may hold
   * more: beyond it, another read could still yield a smaller id) and takes the wanted ones.
   */
  private static Cursor take(
      List<Entry> entries,
      Cursor from,
      int limit,
      Predicate<String> wanted,
      List<PulledEvent> taken,
      String horizon) {
    entries.sort(ORDER);
    Cursor at = from;
    for (Entry e : entries) {
      if (taken.size() == limit
          || (horizon != null && StreamIds.ORDER.compare(e.id(), horizon) > 0)) {
        break;
      }
      at = at.with(e.partition(), e.id());
      if (e.event() != null && wanted.test(e.type())) {
        taken.add(new PulledEvent(e.type(), e.event(), at));
      }
    }
    return at;
  }

  private static Entry entry(int partition, Response raw) {
    String id = raw.get(0).toString();
    Response fields = raw.get(1);
    String type = "";
    Buffer event = null;
    for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
      String name = fields.get(i).toString();
      if (name.equals("type")) {
        type = fields.get(i + 1).toString();
      } else if (name.equals("event")) {
        event = fields.get(i + 1).toBuffer();
      }
    }
    return new Entry(partition, id, type, event);
  }
}
