package cn.gov12345.intake.channel.web.io;

import cn.gov12345.intake.channel.web.ProofOfWork;
import cn.gov12345.intake.config.RateLimit;
import cn.gov12345.intake.config.WebChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.RateLimitedException;
import cn.gov12345.intake.ratelimit.RateLimiter;
import cn.gov12345.intake.ratelimit.RateLimiter.Subjected;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The checks of a web submission that need Redis, in an order that writes nothing for a refused
 * one: (1) is the proof-of-work's challenge already used by another submission (read only), (2) the
 * per-IP and global limits (all or nothing), (3) claim the challenge with {@code SET NX} until it
 * expires. A retry of the same submission (same idempotency key, same solution) passes (1) and (3),
 * so a lost answer can be asked for again; it still counts against the limits.
 *
 * <pre>
 *   {prefix}:{web}:pow:{challenge}   the idempotency key that used the challenge; PX = its expiry
 * </pre>
 */
public final class SubmissionGuard {

  private final String prefix;
  private final Function<Request, Future<Response>> redis;
  private final RateLimiter limiter;
  private final List<RateLimit> perIp;
  private final RateLimit global;
  private final java.time.Clock clock;

  public SubmissionGuard(
      String keyPrefix,
      Function<Request, Future<Response>> redis,
      RateLimiter limiter,
      WebChannelConfig config,
      java.time.Clock clock) {
    this.prefix = keyPrefix + ":{web}:pow:";
    this.redis = redis;
    this.limiter = limiter;
    this.perIp =
        List.of(
            new RateLimit("web-ip-hour", config.perIpHour(), Duration.ofHours(1)),
            new RateLimit("web-ip-day", config.perIpDay(), Duration.ofDays(1)));
    this.global = new RateLimit("web-day", config.globalDay(), Duration.ofDays(1));
    this.clock = clock;
  }

  /** The key recording a used challenge. */
  public String usedKey(String challenge) {
    return prefix + challenge;
  }

  /**
   * Admits one submission.
   *
   * @return fails with {@link ChannelException} {@code proof_of_work_replayed}, {@link
   *     RateLimitedException}, or a Redis failure (answered 503 by the failure handler)
   */
  public Future<Void> admit(ProofOfWork pow, String idempotencyKey, String clientAddress) {
    String key = usedKey(pow.challenge());
    return redis
        .apply(Request.cmd(Command.GET).arg(key))
        .compose(
            owner -> {
              checkOwner(owner, idempotencyKey);
              return limiter.hit(
                  List.of(
                      new Subjected(perIp.get(0), clientAddress),
                      new Subjected(perIp.get(1), clientAddress),
                      new Subjected(global, null)));
            })
        .compose(
            verdict -> {
              if (!verdict.allowed()) {
                return Future.failedFuture(refusal(verdict));
              }
              return claim(key, pow, idempotencyKey);
            });
  }

  private Future<Void> claim(String key, ProofOfWork pow, String idempotencyKey) {
    long ttl = Math.max(1000, pow.expiresAt().toEpochMilli() - clock.millis());
    Request set =
        Request.cmd(Command.SET).arg(key).arg(idempotencyKey).arg("NX").arg("PX").arg(ttl);
    return redis
        .apply(set)
        .compose(
            r ->
                r != null
                    ? Future.succeededFuture()
                    : redis
                        .apply(Request.cmd(Command.GET).arg(key))
                        .map(
                            owner -> {
                              checkOwner(owner, idempotencyKey);
                              return null;
                            }));
  }

  private static void checkOwner(Response owner, String idempotencyKey) {
    if (owner != null && !owner.toString().equals(idempotencyKey)) {
      throw new ChannelException(
          ErrorCode.PROOF_OF_WORK_REPLAYED,
          "This anti-robot check was already used for another appeal; the page starts a new one,"
              + " then send again.");
    }
  }

  private static RateLimitedException refusal(RateLimiter.Verdict verdict) {
    String message =
        verdict.exhausted().equals("web-day")
            ? "The web form has taken as many appeals today as it can; please call 12345 or try"
                + " again tomorrow."
            : "Too many appeals were sent from your network recently; please try again later or"
                + " call 12345.";
    return new RateLimitedException(message, verdict.retryAfter());
  }
}
