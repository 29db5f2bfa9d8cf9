package cn.gov12345.intake.pipeline;

import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.identity.ReplyRoutes;
import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.stream.Append;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.stream.StreamStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;

/**
 * From a channel's {@link Inbound} to a durable append: pseudonymize the citizen, seal their
 * contact details, pick the partition, build the events, append them atomically.
 */
public final class IntakePipeline {

  private final Pseudonymizer pseudonymizer;
  private final ContactSealer sealer;
  private final StreamKeys keys;
  private final EventFactory events;
  private final StreamStore store;
  private final Ids ids;
  private final boolean routes;

  /** A pipeline that stores no reply routes (replies off). */
  public IntakePipeline(
      Pseudonymizer pseudonymizer,
      ContactSealer sealer,
      StreamKeys keys,
      EventFactory events,
      StreamStore store,
      Ids ids) {
    this(pseudonymizer, sealer, keys, events, store, ids, false);
  }

  /**
   * @param routes whether a ticket's reply route is stored with it ({@code replies.enabled}): off,
   *     the accept path seals and writes nothing more than before replies existed
   */
  public IntakePipeline(
      Pseudonymizer pseudonymizer,
      ContactSealer sealer,
      StreamKeys keys,
      EventFactory events,
      StreamStore store,
      Ids ids,
      boolean routes) {
    this.routes = routes;
    this.pseudonymizer = pseudonymizer;
    this.sealer = sealer;
    this.keys = keys;
    this.events = events;
    this.store = store;
    this.ids = ids;
  }

  /**
   * Accepts one inbound message.
   *
   * @return the new ids, or the original ids when the channel's dedup key was seen before; fails
   *     with {@link cn.gov12345.intake.error.StoreUnavailableException} when the store did not
   *     confirm (the sender must not be told "accepted" then)
   */
  public Future<AppendResult> accept(Inbound in) {
    CitizenData citizen = citizen(in.citizen());
    int partition = keys.partitionOf(citizen.pseudonym());
    String messageId = ids.next();
    String ticketId = in.opensTicket() ? ids.next() : null;
    Append.TicketOpening ticket =
        ticketId == null ? null : events.ticketOpened(in, ticketId, ids.next(), messageId, citizen);
    Append append =
        new Append(
            partition,
            keys.dedup(partition, in.channel(), in.account(), in.dedupKey()),
            messageId,
            events.message(in, messageId, ticketId, citizen),
            ticket,
            ticket == null ? "" : route(in));
    return store.append(append);
  }

  /** The citizen's reply route ({@link ReplyRoutes}), {@code ""} when they cannot be reached. */
  String route(Inbound in) {
    return routes ? ReplyRoutes.of(sealer, in.citizen(), in.receivedAt()) : "";
  }

  /** The citizen as the stream shows them: pseudonym, scheme, sealed contact. */
  CitizenData citizen(CitizenRef ref) {
    return new CitizenData(
        pseudonymizer.pseudonym(ref.scheme(), ref.id()),
        ref.scheme().name().toLowerCase(Locale.ROOT),
        sealer.seal(ref.phone(), ref.name(), ref.email()),
        ref.verifiedPhone() == null
            ? null
            : List.of(
                new CitizenData.VerifiedKey(
                    "app_phone_claim",
                    pseudonymizer.pseudonym(CitizenRef.IdScheme.PHONE, ref.verifiedPhone()))));
  }
}
