package cn.gov12345.intake.reply;

import cn.gov12345.intake.config.RateLimit;
import cn.gov12345.intake.ratelimit.RateLimiter;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * When a reply may go: not before its {@code notBefore} (the survey's delay after 办结), not in the
 * sender's quiet hours unless urgent, and not over the citizen's message limit (receipts and urgent
 * replies aside). Each wait is a deferral of the delivery entry, never a failed attempt.
 */
final class ReplyPacing {

  private final ReplyTexts texts;
  private final Clock clock;
  private final RateLimiter limiter;
  private final List<RateLimit> perCitizen;

  ReplyPacing(ReplyTexts texts, Clock clock, RateLimiter limiter, List<RateLimit> perCitizen) {
    this.texts = texts;
    this.clock = clock;
    this.limiter = limiter;
    this.perCitizen = perCitizen;
  }

  /** 0 when {@code m} may be sent by sender {@code kind} now, else how many ms to wait. */
  Future<Long> waitFor(ReplyRequest r, String kind, OutboundMessage m) {
    Instant now = clock.instant();
    long due = dueIn(r, now);
    if (due > 0) {
      return Future.succeededFuture(due);
    }
    long quiet = r.urgent() ? 0 : texts.quietFor(kind, now);
    if (quiet > 0) {
      return Future.succeededFuture(quiet);
    }
    return admitted(r, m);
  }

  private static long dueIn(ReplyRequest r, Instant now) {
    if (r.notBefore() == null) {
      return 0;
    }
    try {
      return Instant.parse(r.notBefore()).toEpochMilli() - now.toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  /**
   * 0 when the citizen may get this message now, else how long to wait: receipts and urgent replies
   * are not counted; every other message counts against {@code replies.perCitizen} for the address
   * (hashed in the limiter's keys), across the citizen's tickets.
   */
  private Future<Long> admitted(ReplyRequest r, OutboundMessage m) {
    ReplyAddress a = m.address();
    String subject =
        a.phone() != null ? "p:" + a.phone() : a.openid() != null ? "o:" + a.openid() : null;
    if (r.urgent() || "receipt".equals(r.kind()) || subject == null || perCitizen.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    return limiter
        .hit(perCitizen.stream().map(l -> new RateLimiter.Subjected(l, subject)).toList())
        .map(v -> v.allowed() ? 0L : Math.max(1000L, v.retryAfter().toMillis()));
  }
}
