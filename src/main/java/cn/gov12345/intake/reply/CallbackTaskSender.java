package cn.gov12345.intake.reply;

import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.model.CloudEvent;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.pipeline.Ids;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sender of every chain (kind {@code callback}): a citizen no other sender reaches — a
 * withheld number, a closed WeChat window without a template, no phone — gets a {@code
 * callback.requested.v1} task on the ticket's stream for the call center, so nobody is silently
 * skipped. The task names the ticket, the reply and its text, and carries the sealed route (a JWE
 * only authorized systems open) when there is one. Always reaches.
 */
public final class CallbackTaskSender implements ReplySender {

  public static final String KIND = "callback";

  private final RedisReplyStore store;
  private final ContactSealer sealer;
  private final Ids ids;
  private final Clock clock;

  public CallbackTaskSender(RedisReplyStore store, ContactSealer sealer, Ids ids, Clock clock) {
    this.store = store;
    this.sealer = sealer;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean canReach(OutboundMessage message) {
    return true;
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage m) {
    String eventId = ids.next();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("replyId", m.replyId());
    data.put("ticketId", m.ticketId());
    data.put("trackingNumber", m.trackingNumber());
    data.put("channel", m.channel());
    data.put("kind", m.kind());
    data.put("text", m.text());
    data.put("reason", m.address().isEmpty() ? "no_route" : "no_sender_reached");
    data.put("reachableByPhone", m.address().phone() != null);
    ReplyAddress a = m.address();
    String sealed = sealer.sealAddress(a.openid(), a.phone(), a.appUser());
    if (sealed != null) {
      data.put("contact", sealed);
    }
    data.put("requestedAt", clock.instant().toString());
    byte[] event =
        ReplyEvents.write(
            new CloudEvent<>(
                CloudEvent.SPEC_VERSION,
                eventId,
                ReplyEvents.SOURCE,
                EventTypes.CALLBACK_REQUESTED,
                m.ticketId(),
                clock.instant().toString(),
                CloudEvent.JSON,
                "urn:cn-gov12345:intake:schema:" + EventTypes.CALLBACK_REQUESTED,
                null,
                data));
    return store
        .append(m.trackingNumber(), EventTypes.CALLBACK_REQUESTED, event)
        .map(v -> SendOutcome.sent(eventId))
        .otherwise(e -> SendOutcome.retry("", -1, "store: " + e.getClass().getSimpleName()));
  }
}
