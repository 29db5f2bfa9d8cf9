package cn.gov12345.intake.pipeline;

import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import cn.gov12345.intake.stream.Append;
import cn.gov12345.intake.stream.ConversationAppend;
import cn.gov12345.intake.stream.ConversationEvents;
import cn.gov12345.intake.stream.ConversationResult;
import cn.gov12345.intake.stream.ConversationStore;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Conversation assembly for chat channels: messages of one citizen on one account within an idle
 * window form one ticket. The first opens it ({@code ticket.opened}), later ones are appended
 * ({@code ticket.appended}); the window lives in Redis, so it holds across replicas and restarts.
 * Messages that belong to no ticket (events) go through the plain {@link IntakePipeline}.
 */
public final class ConversationPipeline {

  private final IntakePipeline intake;
  private final StreamKeys keys;
  private final EventFactory events;
  private final ConversationEvents conversationEvents;
  private final ConversationStore store;
  private final Ids ids;
  private final AttachmentFetches fetches;
  private final RatingInbox ratings;

  public ConversationPipeline(
      IntakePipeline intake,
      StreamKeys keys,
      EventFactory events,
      ConversationStore store,
      Ids ids,
      AttachmentFetches fetches,
      RatingInbox ratings) {
    this.intake = intake;
    this.keys = keys;
    this.events = events;
    this.conversationEvents = new ConversationEvents(events);
    this.store = store;
    this.ids = ids;
    this.fetches = fetches;
    this.ratings = ratings;
  }

  /**
   * Accepts one message of a conversation. A text that answers the citizen's open 回访 survey becomes
   * a rating ({@link RatingInbox}) instead.
   *
   * @param window the idle window of the channel
   * @return the (original) ids and whether the message opened the ticket; fails with {@link
   *     cn.gov12345.intake.error.StoreUnavailableException} when the store did not confirm
   */
  public Future<ConversationResult> accept(Inbound in, Duration window) {
    return accept(in, window, false, null);
  }

  /**
   * Accepts one message of a conversation whose citizen's tickets are indexed (SMS): a ticket it
   * opens joins the citizen's ticket index, and when it names the tracking number of one of them
   * ({@code namedTrackingNumber}, may be null) it is appended to that ticket, in or out of the
   * window.
   *
   * @return as {@link #accept(Inbound, Duration)}
   */
  public Future<ConversationResult> acceptIndexed(
      Inbound in, Duration window, String namedTrackingNumber) {
    return accept(in, window, true, namedTrackingNumber);
  }

  private Future<ConversationResult> accept(
      Inbound in, Duration window, boolean indexed, String named) {
    if (!in.opensTicket()) {
      return intake.accept(in).map(r -> new ConversationResult(r, false));
    }
    CitizenData citizen = intake.citizen(in.citizen());
    if (in.kind() != MessageKind.TEXT) {
      return append(in, window, citizen, indexed, named);
    }
    return ratings
        .take(in, citizen)
        .compose(
            taken ->
                taken != null
                    ? Future.succeededFuture(taken)
                    : append(in, window, citizen, indexed, named));
  }

  private Future<ConversationResult> append(
      Inbound in, Duration window, CitizenData citizen, boolean indexed, String named) {
    int partition = keys.partitionOf(citizen.pseudonym());
    String messageId = ids.next();
    String ticketId = ids.next();
    Append.TicketOpening opening =
        events.ticketOpened(in, ticketId, ids.next(), messageId, citizen);
    ConversationAppend append =
        new ConversationAppend(
            partition,
            keys.dedup(partition, in.channel(), in.account(), in.dedupKey()),
            keys.conversation(partition, in.channel(), in.account(), citizen.pseudonym()),
            window.toMillis(),
            messageId,
            conversationEvents.message(in, messageId, citizen),
            opening,
            conversationEvents.appended(in, ids.next(), messageId, citizen),
            fetches.pending(in, partition, citizen, messageId),
            intake.route(in),
            indexed
                ? keys.conversationTickets(
                    partition, in.channel(), in.account(), citizen.pseudonym())
                : "",
            named);
    return store.append(append);
  }
}
