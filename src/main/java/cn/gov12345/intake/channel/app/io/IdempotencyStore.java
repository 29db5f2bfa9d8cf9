package cn.gov12345.intake.channel.app.io;

import io.vertx.core.Future;

/**
 * Remembers the app's Idempotency-Keys per user. The record of an accepted request is the accept
 * step's own dedup key (written atomically with the ticket), so a stored answer always names a
 * ticket that exists and a ticket is never opened twice for one key.
 */
public interface IdempotencyStore {

  /**
   * Checks a request's key and, when it may go on, locks the key for the request.
   *
   * @param scope the user's pseudonym and the key's hash
   * @param dedupKey the accept dedup key of this user, key and body ({@code AppChannel.dedupKey})
   * @param fingerprint the body's fingerprint
   * @return the outcome; fails with a 503 {@code StoreUnavailableException} when Redis does not
   *     answer
   */
  Future<IdempotencyCheck> begin(Scope scope, String dedupKey, String fingerprint);

  /**
   * Unlocks a key after its request failed without opening a ticket, so a retry may proceed at
   * once. Never fails (a lock that is not released expires).
   */
  Future<Void> release(Scope scope, String dedupKey, String token);

  /**
   * Whose key it is.
   *
   * @param pseudonym the user's pseudonym (also picks the partition)
   * @param keyHash the hash of the Idempotency-Key
   */
  record Scope(String pseudonym, String keyHash) {}
}
