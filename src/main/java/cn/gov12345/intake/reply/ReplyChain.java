package cn.gov12345.intake.reply;

import cn.gov12345.intake.config.RateLimit;
import cn.gov12345.intake.delivery.AttemptOutcome;
import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.ratelimit.RateLimiter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one requested reply through its channel's chain of senders (docs/replies.md). Each attempt
 * claims the reply in Redis before a vendor is called ({@code wire}), then records what happened
 * ({@code settle}) with its {@code reply.sent} / {@code reply.failed} event: a sender that cannot
 * reach the citizen hands over to the next at once; a passing failure is retried later by the
 * delivery machinery; an attempt whose outcome is unknown (a timeout, a crash mid-send) is never
 * repeated, so the citizen never gets one reply twice.
 */
public final class ReplyChain {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyChain.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ReplySender> senders;
  private final ReplyTexts texts;
  private final ReplyTargets targets;
  private final ChainSettings settings;
  private final ReplyPacing pacing;

  /**
   * What a chain needs besides its senders.
   *
   * @param chains channel -> sender kinds in order
   */
  public record ChainSettings(
      Map<String, List<String>> chains,
      RedisReplyStore store,
      ContactSealer sealer,
      QueryCodes queryCodes,
      ReplyMetrics metrics,
      Ids ids,
      Clock clock,
      RateLimiter limiter,
      List<RateLimit> perCitizen,
      ReplyHook hook) {}

  public ReplyChain(List<ReplySender> senders, ReplyTexts texts, ChainSettings settings) {
    Map<String, ReplySender> byKind = new HashMap<>();
    senders.forEach(s -> byKind.put(s.kind(), s));
    this.senders = Map.copyOf(byKind);
    this.texts = texts;
    this.settings = settings;
    this.targets =
        new ReplyTargets(
            settings.chains(),
            this.senders.keySet(),
            settings.sealer(),
            settings.queryCodes(),
            texts,
            settings.hook());
    this.pacing =
        new ReplyPacing(texts, settings.clock(), settings.limiter(), settings.perCitizen());
  }

  /** One attempt at a requested reply. Never fails but for a store that does not answer. */
  public Future<AttemptOutcome> deliver(ReplyRequest r) {
    if (settings.hook().lapsed(r)) {
      return finish(r, null, "", "lapsed", "");
    }
    return settings
        .store()
        .ticket(r.trackingNumber(), r.ticketId())
        .compose(
            t -> {
              if (t.get(0) == null) {
                return finish(r, null, "", "ticket_expired", "");
              }
              ReplyTargets.Target target = targets.target(r, t.get(0), t.get(1));
              return attempt(r, target);
            });
  }

  private Future<AttemptOutcome> attempt(ReplyRequest r, ReplyTargets.Target t) {
    StringBuilder reachable = new StringBuilder(t.chain().size());
    for (String kind : t.chain()) {
      reachable.append(senders.get(kind).canReach(targets.message(r, t, kind)) ? '1' : '0');
    }
    String token = UUID.randomUUID().toString();
    return settings
        .store()
        .wire(r.trackingNumber(), r.replyId(), token, reachable.toString(), r.ticketId())
        .compose(
            w ->
                switch (w.answer()) {
                  case "done" -> Future.succeededFuture(AttemptOutcome.ofStatus(200, null, null));
                  case "uncertain" ->
                      finish(r, kindAt(t, w.detail()), "", "outcome_unknown", "interrupted");
                  case "exhausted" -> finish(r, null, "", "no_sender_reached", "");
                  default -> send(r, t, token, Integer.parseInt(w.detail()), reachable.toString());
                });
  }

  private Future<AttemptOutcome> send(
      ReplyRequest r, ReplyTargets.Target t, String token, int step, String reachable) {
    String kind = t.chain().get(step);
    OutboundMessage m = targets.message(r, t, kind);
    return pacing
        .waitFor(r, kind, m)
        .compose(
            wait ->
                wait > 0
                    ? later(r, token, step, kind, wait)
                    : settings
                        .hook()
                        .beforeSend(m, kind)
                        .compose(v -> attemptOn(r, t, token, step, reachable, kind, m)));
  }

  /** Releases the claim and asks the machinery to come back in {@code millis} (no attempt used). */
  private Future<AttemptOutcome> later(
      ReplyRequest r, String token, int step, String kind, long millis) {
    return settleQuietly(r, token, step, kind).map(v -> AttemptOutcome.deferred(millis));
  }

  private Future<AttemptOutcome> attemptOn(
      ReplyRequest r,
      ReplyTargets.Target t,
      String token,
      int step,
      String reachable,
      String kind,
      OutboundMessage m) {
    return senders
        .get(kind)
        .send(m)
        .compose(
            o -> {
              settings.metrics().attempt(kind, o.status());
              return switch (o.status()) {
                case SENT -> sent(r, token, kind, o);
                case NEXT -> next(r, t, token, step, reachable, kind, o);
                case RETRY -> retry(r, token, step, kind, o);
                case UNKNOWN -> failed(r, token, kind, o.vendorCode(), "outcome_unknown", false);
              };
            });
  }

  private Future<AttemptOutcome> sent(ReplyRequest r, String token, String kind, SendOutcome o) {
    Instant now = settings.clock().instant();
    ReplyOutcome data =
        new ReplyOutcome(
            r.replyId(),
            r.ticketId(),
            r.trackingNumber(),
            kind,
            now.toString(),
            null,
            emptyToNull(o.vendorMessageId()),
            null,
            null,
            null);
    String listed =
        "{\"at\":\"" + now + "\",\"via\":\"" + kind + "\",\"kind\":\"" + r.kind() + "\"}";
    settings.metrics().sent(kind, r.requestedAt(), now);
    LOG.debug("[replies] reply {} of ticket {} sent by {}", r.replyId(), r.ticketId(), kind);
    return settleEvent(
            r,
            token,
            how("sent", 0, EventTypes.REPLY_SENT, listed, kind, o.vendorMessageId()),
            data)
        .map(v -> AttemptOutcome.ofStatus(200, null, null));
  }

  private Future<AttemptOutcome> next(
      ReplyRequest r,
      ReplyTargets.Target t,
      String token,
      int step,
      String reachable,
      String kind,
      SendOutcome o) {
    boolean more = reachable.indexOf('1', step + 1) >= 0;
    ReplyOutcome data = failure(r, kind, o.vendorCode(), o.error(), more);
    return settleEvent(r, token, how("next", step + 1, EventTypes.REPLY_FAILED, "", kind, ""), data)
        .compose(v -> more ? attempt(r, t) : finish(r, null, "", "no_sender_reached", ""));
  }

  private Future<AttemptOutcome> retry(
      ReplyRequest r, String token, int step, String kind, SendOutcome o) {
    return settleQuietly(r, token, step, kind)
        .map(
            v ->
                o.retryAfterMillis() >= 0
                    ? AttemptOutcome.ofStatus(
                        503, Long.toString(o.retryAfterMillis() / 1000), settings.clock())
                    : new AttemptOutcome(
                        AttemptOutcome.Kind.FAILED, 0, -1, kind + ": " + o.error()));
  }

  private Future<AttemptOutcome> failed(
      ReplyRequest r, String token, String kind, String code, String error, boolean more) {
    ReplyOutcome data = failure(r, kind, code, error, more);
    return settleEvent(r, token, how("failed", 0, EventTypes.REPLY_FAILED, "", kind, ""), data)
        .map(v -> AttemptOutcome.ofStatus(200, null, null));
  }

  /** Ends a reply that no sender will try (again): one {@code reply.failed} event. */
  private Future<AttemptOutcome> finish(
      ReplyRequest r, String kind, String code, String error, String detail) {
    settings.metrics().attempt(kind == null ? "none" : kind, SendOutcome.Status.UNKNOWN);
    LOG.info("[replies] reply {} of ticket {} not sent: {}", r.replyId(), r.ticketId(), error);
    String why = detail.isEmpty() ? error : error + " (" + detail + ")";
    return failed(r, "", kind == null ? "none" : kind, code, why, false);
  }

  private ReplyOutcome failure(
      ReplyRequest r, String kind, String code, String error, boolean more) {
    return new ReplyOutcome(
        r.replyId(),
        r.ticketId(),
        r.trackingNumber(),
        kind,
        settings.clock().instant().toString(),
        emptyToNull(code),
        null,
        emptyToNull(error),
        more,
        null);
  }

  private Future<Boolean> settleEvent(
      ReplyRequest r, String token, RedisReplyStore.Settle partial, ReplyOutcome data) {
    byte[] event = ReplyEvents.outcome(settings.ids().next(), partial.eventType(), data);
    return settings
        .store()
        .settle(
            r.trackingNumber(),
            r.replyId(),
            token,
            new RedisReplyStore.Settle(
                partial.outcome(),
                partial.nextStep(),
                partial.eventType(),
                event,
                partial.listed(),
                partial.sender(),
                partial.vendorMessageId()));
  }

  private Future<Boolean> settleQuietly(ReplyRequest r, String token, int step, String kind) {
    return settings
        .store()
        .settle(
            r.trackingNumber(),
            r.replyId(),
            token,
            new RedisReplyStore.Settle("retry", step, "", new byte[0], "", kind, ""));
  }

  private static RedisReplyStore.Settle how(
      String outcome, int nextStep, String type, String listed, String kind, String vmid) {
    return new RedisReplyStore.Settle(
        outcome, nextStep, type, null, listed, kind, vmid == null ? "" : vmid);
  }

  private static String kindAt(ReplyTargets.Target t, String step) {
    int i = Integer.parseInt(step);
    return i < t.chain().size() ? t.chain().get(i) : null;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
