package cn.gov12345.intake.media;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Completed uploads waiting to be referenced by a submission. An upload is registered under a media
 * id with its owner (the uploader's pseudonym); a submission claims the ids it references, which
 * makes them permanent. Ids never claimed expire and their objects are deleted by a sweeper.
 */
public interface MediaRegistry {

  /**
   * Registers a completed, validated upload.
   *
   * @param unclaimedTtl how long the upload waits for a submission before it is deleted
   * @return fails only when Redis is unreachable
   */
  Future<Void> register(String mediaId, String owner, StoredMedia media, Duration unclaimedTtl);

  /**
   * Claims media ids for a submission of {@code owner}, in the given order. Claiming an id twice (a
   * retried submission) is allowed.
   *
   * @return the stored media, in order; fails with {@link UnknownMediaException} naming the first
   *     id that is unknown, expired or registered by someone else (the three are indistinguishable,
   *     so no one learns of another citizen's uploads)
   */
  Future<List<StoredMedia>> claim(String owner, List<String> mediaIds);
}
