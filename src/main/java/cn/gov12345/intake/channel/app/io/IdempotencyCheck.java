package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.stream.AppendResult;

/**
 * What an Idempotency-Key said about a request.
 *
 * @param outcome what to do
 * @param prior the ids the first request was answered with ({@link Outcome#REPLAY}), else null
 * @param token the lock this request holds ({@link Outcome#PROCEED}), else null
 */
public record IdempotencyCheck(Outcome outcome, AppendResult prior, String token) {

  /** The four answers of the IETF httpapi Idempotency-Key draft. */
  public enum Outcome {
    /** First time (or the first attempt failed): go on; the lock is held. */
    PROCEED,
    /** Accepted before: answer the stored response again. */
    REPLAY,
    /** The key was used with another body: 422. */
    MISMATCH,
    /** The first request with this key is still being processed: 409. */
    IN_FLIGHT
  }
}
