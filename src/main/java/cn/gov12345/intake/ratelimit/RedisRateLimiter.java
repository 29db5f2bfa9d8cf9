package cn.gov12345.intake.ratelimit;

import cn.gov12345.intake.config.RateLimit;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.signing.HmacKey;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@link RateLimiter} with fixed windows in Redis, one counter per limit, subject and window:
 * {@code {prefix}:{rl}:{limit}:{subject hash}:{window start}}. Subjects (IP addresses) are hashed
 * with a keyed HMAC, so Redis never holds a citizen's address. All counters share the hash tag
 * {@code {rl}} so one script checks them together on Redis Cluster too.
 */
public final class RedisRateLimiter implements RateLimiter {

  private static final LuaScript HIT = LuaScript.load("rate_hit");

  private final String prefix;
  private final HmacKey subjectKey;
  private final Function<Request, Future<Response>> redis;
  private final Clock clock;

  public RedisRateLimiter(
      String keyPrefix, byte[] subjectKey, Function<Request, Future<Response>> redis, Clock clock) {
    this.prefix = keyPrefix + ":{rl}:";
    this.subjectKey = new HmacKey(subjectKey);
    this.redis = redis;
    this.clock = clock;
  }

  @Override
  public Future<Verdict> hit(List<Subjected> limits) {
    long now = clock.millis();
    String[] keys = new String[limits.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key(limits.get(i), now);
    }
    return HIT.run(
            keys,
            r -> {
              for (Subjected s : limits) {
                r.arg(s.limit().max()).arg(s.limit().window().toMillis());
              }
              return r;
            },
            redis)
        .map(r -> verdict(r, limits));
  }

  private static Verdict verdict(Response r, List<Subjected> limits) {
    if (r.get(0).toInteger() == 1) {
      return Verdict.ALLOWED;
    }
    RateLimit exhausted = limits.get(r.get(1).toInteger() - 1).limit();
    long pttl = r.get(2).toLong();
    Duration retry = pttl > 0 ? Duration.ofMillis(pttl) : exhausted.window();
    return new Verdict(false, exhausted.name(), retry);
  }

  String key(Subjected s, long now) {
    long window = s.limit().window().toMillis();
    long start = now - Math.floorMod(now, window);
    String subject = s.subject() == null ? "*" : hash(s.subject());
    return prefix + s.limit().name() + ":" + subject + ":" + start;
  }

  private String hash(String subject) {
    byte[] digest = subjectKey.mac().doFinal(subject.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
  }
}
