package cn.gov12345.intake.support;

import cn.gov12345.intake.stream.Append;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.StreamStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link StreamStore} for pure tests: dedups like the accept script, draws tracking
 * numbers from a per-day sequence, and keeps every event it was given so tests can compare them
 * (and assert that nothing was written).
 */
public final class CapturingStreamStore implements StreamStore {

  private final Map<String, AppendResult> originals = new HashMap<>();
  private final Map<String, Long> sequences = new HashMap<>();
  private final List<String> messages = new ArrayList<>();
  private final List<String> tickets = new ArrayList<>();

  @Override
  public synchronized Future<AppendResult> append(Append append) {
    AppendResult prior = originals.get(append.dedupKey());
    if (prior != null) {
      return Future.succeededFuture(
          new AppendResult(true, prior.messageId(), prior.ticketId(), prior.trackingNumber()));
    }
    String tracking = null;
    String ticketId = null;
    if (append.ticket() != null) {
      Append.TicketOpening ticket = append.ticket();
      long seq = sequences.merge(append.partition() + ":" + ticket.day(), 1L, Long::sum);
      tracking = TicketEvents.trackingNumber(ticket.day(), append.partition(), seq);
      ticketId = ticket.ticketId();
      tickets.add(TicketEvents.join(ticket, tracking));
    }
    messages.add(new String(append.messageEvent(), StandardCharsets.UTF_8));
    AppendResult result = new AppendResult(false, append.messageId(), ticketId, tracking);
    originals.put(append.dedupKey(), result);
    return Future.succeededFuture(result);
  }

  /** Message events written so far, oldest first. */
  public synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  /** Ticket events written so far (tracking number filled in), oldest first. */
  public synchronized List<String> tickets() {
    return List.copyOf(tickets);
  }

  /** Every event written so far. */
  public synchronized List<String> all() {
    List<String> all = new ArrayList<>(messages);
    all.addAll(tickets);
    return all;
  }
}
