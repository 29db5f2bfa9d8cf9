package cn.gov12345.intake.ratelimit;

import cn.gov12345.intake.config.RateLimit;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** Counts hits against several limits at once (per IP per hour, per IP per day, global per day). */
public interface RateLimiter {

  /**
   * Counts one hit of {@code subject} (an IP, a client id; hashed before it is used as a key)
   * against every limit, all or nothing: when one limit is exhausted no counter moves.
   *
   * @param limits limits with their subjects; a limit with subject null is global
   * @return {@link Verdict#allowed()} or the first exhausted limit and when to retry; fails only
   *     when Redis is unreachable
   */
  Future<Verdict> hit(List<Subjected> limits);

  /** A limit applied to one subject (null = global). */
  record Subjected(RateLimit limit, String subject) {}

  /** The outcome of a hit. */
  record Verdict(boolean allowed, String exhausted, Duration retryAfter) {
    public static final Verdict ALLOWED = new Verdict(true, null, Duration.ZERO);
  }
}
