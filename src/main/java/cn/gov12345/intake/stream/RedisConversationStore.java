package cn.gov12345.intake.stream;

import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The conversation store on Redis: one EVALSHA of {@code conversation.lua} per message. */
public final class RedisConversationStore implements ConversationStore {

  private static final LuaScript CONVERSATION = LuaScript.load("conversation");

  private final StreamKeys keys;
  private final long dedupTtlSeconds;
  private final long statusTtlSeconds;
  private final Function<Request, Future<Response>> sender;
  private final IntakeMetrics metrics;

  public RedisConversationStore(
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
  public Future<ConversationResult> append(ConversationAppend a) {
    int p = a.partition();
    Append.TicketOpening t = a.opening();
    List<String> scriptKeys =
        new ArrayList<>(
            List.of(
                a.dedupKey(),
                keys.messages(p),
                keys.tickets(p),
                keys.sequence(p, t.day()),
                a.conversationKey(),
                keys.statusDay(p, t.day())));
    if (!a.fetches().isEmpty()) {
      scriptKeys.add(a.fetches().get(0).key());
    }
    if (!a.ticketIndex().isEmpty()) {
      scriptKeys.add(a.ticketIndex());
    }
    long started = System.nanoTime();
    return StoreCalls.confirmed(
        CONVERSATION.run(scriptKeys.toArray(String[]::new), r -> args(r, a), sender),
        metrics,
        "conversation",
        started,
        r -> toResult(r, a));
  }

  private Request args(Request r, ConversationAppend a) {
    Append.TicketOpening t = a.opening();
    r.arg(dedupTtlSeconds)
        .arg(a.messageId())
        .arg(EventTypes.MESSAGE_RECEIVED)
        .arg(a.windowMillis())
        .arg(t.ticketId())
        .arg(EventTypes.TICKET_OPENED)
        .arg(t.eventHead())
        .arg(t.eventTail())
        .arg(TrackingNumbers.prefix(t.day(), a.partition()))
        .arg(TrackingNumbers.SEQUENCE_TTL_SECONDS)
        .arg(EventTypes.TICKET_APPENDED);
    addAll(r, a.messageParts());
    addAll(r, a.appendedParts());
    r.arg(a.fetches().size());
    for (PendingFetch fetch : a.fetches()) {
      r.arg(fetch.dueMillis());
      addAll(r, fetch.memberParts());
    }
    return r.arg(statusTtlSeconds)
        .arg(t.statusRecord())
        .arg(a.route())
        .arg(a.ticketIndex().isEmpty() ? "" : "1")
        .arg(a.claimedTrackingNumber());
  }

  private static void addAll(Request r, List<byte[]> parts) {
    for (byte[] part : parts) {
      r.arg(part);
    }
  }

  private static ConversationResult toResult(Response r, ConversationAppend a) {
    if (r.get(0).toInteger() == 1) {
      return new ConversationResult(
          new AppendResult(false, a.messageId(), r.get(1).toString(), r.get(2).toString()),
          r.get(3).toInteger() == 1);
    }
    String[] prior = r.get(1).toString().split(" ", -1);
    return new ConversationResult(
        new AppendResult(true, prior[0], prior[1], prior[2]),
        prior.length > 3 && "1".equals(prior[3]));
  }
}
