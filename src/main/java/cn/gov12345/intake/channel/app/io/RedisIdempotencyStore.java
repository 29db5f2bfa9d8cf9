package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotencyStore} on Redis ({@code app_idempotency.lua}): the key record and lock sit in
 * the user's partition next to the accept dedup key, so one script sees all three.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisIdempotencyStore.class);
  private static final LuaScript BEGIN = LuaScript.load("app_idempotency");
  private static final LuaScript RELEASE = LuaScript.load("app_idempotency_release");

  private final StreamKeys keys;
  private final long recordTtlSeconds;
  private final long lockTtlMillis;
  private final Function<Request, Future<Response>> redis;

  /**
   * @param dedupTtl the accept step's dedup TTL: keys are remembered that long
   * @param lockTtl a request that dies holds its key this long at most
   */
  public RedisIdempotencyStore(
      StreamKeys keys,
      Duration dedupTtl,
      Duration lockTtl,
      Function<Request, Future<Response>> redis) {
    this.keys = keys;
    // outlives the dedup key it guards: a changed body is refused for as long as the key replays
    this.recordTtlSeconds = dedupTtl.plus(lockTtl).toSeconds() + 1;
    this.lockTtlMillis = lockTtl.toMillis();
    this.redis = redis;
  }

  @Override
  public Future<IdempotencyCheck> begin(Scope scope, String dedupKey, String fingerprint) {
    String token = UUID.randomUUID().toString();
    return BEGIN
        .run(
            scriptKeys(scope, dedupKey),
            r -> r.arg(fingerprint).arg(recordTtlSeconds).arg(lockTtlMillis).arg(token),
            redis)
        .transform(
            ar ->
                ar.succeeded()
                    ? Future.succeededFuture(check(ar.result(), token))
                    : Future.failedFuture(
                        new StoreUnavailableException(
                            "The idempotency record could not be read; retry later.", ar.cause())));
  }

  @Override
  public Future<Void> release(Scope scope, String dedupKey, String token) {
    return RELEASE
        .run(scriptKeys(scope, dedupKey), r -> r.arg(token), redis)
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.warn("idempotency lock not released (it expires): {}", e.toString());
              return Future.succeededFuture();
            });
  }

  private String[] scriptKeys(Scope scope, String dedupKey) {
    int p = keys.partitionOf(scope.pseudonym());
    String record = keys.idempotency(p, AppChannel.NAME, scope.pseudonym() + ":" + scope.keyHash());
    return new String[] {
      record, record + ":lock", keys.dedup(p, AppChannel.NAME, AppChannel.ACCOUNT, dedupKey)
    };
  }

  private static IdempotencyCheck check(Response r, String token) {
    return switch (r.get(0).toString()) {
      case "proceed" -> new IdempotencyCheck(IdempotencyCheck.Outcome.PROCEED, null, token);
      case "done" -> new IdempotencyCheck(IdempotencyCheck.Outcome.REPLAY, prior(r.get(1)), null);
      case "mismatch" -> new IdempotencyCheck(IdempotencyCheck.Outcome.MISMATCH, null, null);
      default -> new IdempotencyCheck(IdempotencyCheck.Outcome.IN_FLIGHT, null, null);
    };
  }

  /** The accept script's dedup value: "messageId ticketId trackingNumber". */
  private static AppendResult prior(Response value) {
    String[] ids = value.toString().split(" ", -1);
    return new AppendResult(true, ids[0], ids[1], ids[2]);
  }
}
