package cn.gov12345.intake.channel.open311.io;

import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

/**
 * The one idempotency rule (IETF httpapi Idempotency-Key draft) for Open311 service requests: the
 * first request with a client's {@code Idempotency-Key} records the fingerprint of its body
 * (SHA-256 of the bytes); a later request with the same key and another body is refused with 422
 * {@code idempotency_key_reused} before anything is appended, the same key with the same body goes
 * on to the accept step, whose dedup key answers it with the original ids.
 *
 * <p>The record is written before the append and outlives the accept step's dedup key: a request
 * that dies between the two leaves the key bound to its body, so its retry (same body) opens the
 * ticket and a different body is still refused. Two concurrent first requests with different
 * bodies: the one whose {@code SET NX} wins goes on, the other is refused.
 */
final class Open311Idempotency {

  private final StreamKeys keys;
  private final long ttlSeconds;
  private final Function<Request, Future<Response>> writes;

  /**
   * @param dedupTtl the accept step's dedup TTL: the record lives a minute longer
   * @param writes the loop's confirmed-write connection
   */
  Open311Idempotency(
      StreamKeys keys, Duration dedupTtl, Function<Request, Future<Response>> writes) {
    this.keys = keys;
    this.ttlSeconds = dedupTtl.toSeconds() + 60;
    this.writes = writes;
  }

  /**
   * @param client the authenticated client
   * @param key the client's Idempotency-Key (validated by the channel)
   * @param body the request's body bytes
   * @return succeeds when the request may go on; fails with 422 {@code idempotency_key_reused}, or
   *     a 503 {@link StoreUnavailableException} when Redis does not answer
   */
  Future<Void> check(String client, String key, byte[] body) {
    String scope = client + ":" + sha256(key.getBytes(StandardCharsets.UTF_8));
    String record = keys.idempotency(keys.partitionOf(scope), Open311Channel.NAME, scope);
    String fingerprint = sha256(body);
    Request first =
        Request.cmd(Command.SET).arg(record).arg(fingerprint).arg("NX").arg("EX").arg(ttlSeconds);
    return writes
        .apply(first)
        .compose(
            set ->
                set != null
                    ? Future.<Response>succeededFuture(null)
                    : writes.apply(Request.cmd(Command.GET).arg(record)))
        .recover(
            e ->
                Future.failedFuture(
                    new StoreUnavailableException(
                        "The idempotency record could not be read; retry later.", e)))
        .compose(
            prior -> {
              if (prior != null && !fingerprint.equals(prior.toString())) {
                return Future.failedFuture(
                    new ChannelException(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "idempotency_key_reused: this Idempotency-Key was already used with a"
                            + " different request; nothing was recorded. Use a new key for a new"
                            + " request."));
              }
              return Future.succeededFuture();
            });
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
