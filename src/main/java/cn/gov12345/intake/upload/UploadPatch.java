package cn.gov12345.intake.upload;

import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.channel.app.TusProtocol.Checksum;
import cn.gov12345.intake.channel.app.UploadState;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.upload.UploadStaging.Written;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * One tus PATCH: checks the offset, takes the upload's lease (one PATCH at a time, on any replica;
 * renewed while the body streams), streams the body into staging, verifies an announced checksum,
 * moves the offset in Redis and, when the last byte arrived, finishes the upload. Bytes received
 * before a client went away are kept (that is what a resume continues from), unless the PATCH
 * carried a checksum, which they cannot be verified against.
 */
public final class UploadPatch {

  /**
   * How often a PATCH renews its lease and looks whether a HEAD asked it to stop ({@link
   * Uploads#committed}).
   */
  static final long RENEW_MS = 250;

  private final Vertx vertx;
  private final Uploads uploads;
  private final RedisUploads redis;
  private final UploadStaging staging;
  private final UploadFinisher finisher;

  public UploadPatch(
      Vertx vertx,
      Uploads uploads,
      RedisUploads redis,
      UploadStaging staging,
      UploadFinisher finisher) {
    this.vertx = vertx;
    this.uploads = uploads;
    this.redis = redis;
    this.staging = staging;
    this.finisher = finisher;
  }

  /**
   * Runs a PATCH.
   *
   * @param body the request body, paused; read only after the checks passed
   * @param beforeBody called once the body may come (answers {@code Expect: 100-continue})
   * @return the upload afterwards; fails with 404, 409 (offset), 423 (another PATCH), 413 (body
   *     longer than the rest), 460 (checksum), the policy's refusal on completion, or 503
   */
  public Future<UploadState> patch(
      AppUser user,
      String id,
      long offset,
      Checksum checksum,
      UploadStaging.Body body,
      Runnable beforeBody) {
    String token = UUID.randomUUID().toString();
    return uploads
        .settled(user, id)
        .compose(s -> checkOffset(s, offset))
        .compose(
            s ->
                redis
                    .lease(id, token, uploads.leaseMs())
                    .recover(Uploads::unavailable)
                    .compose(
                        ok ->
                            ok ? Future.succeededFuture(s) : Future.failedFuture(Uploads.locked())))
        .compose(s -> leased(s, token, checksum, body, beforeBody));
  }

  private Future<UploadState> leased(
      UploadState s,
      String token,
      Checksum checksum,
      UploadStaging.Body body,
      Runnable beforeBody) {
    Promise<Void> fenced = Promise.promise();
    long timer =
        vertx.setPeriodic(
            RENEW_MS,
            t ->
                redis
                    .renew(s.id(), token, uploads.leaseMs())
                    .onSuccess(stop -> stopWhen(stop, fenced)));
    beforeBody.run();
    MessageDigest digest = checksum == null ? null : checksum.digest();
    UploadStaging.Body watched =
        new UploadStaging.Body(
            body.bytes(), Future.any(body.dropped(), fenced.future()).<Void>mapEmpty());
    return staging
        .append(s.id(), s.offset(), watched, s.length() - s.offset(), digest)
        .compose(w -> settle(s, token, w, checksum, digest))
        .compose(
            after -> after.offset() == after.length() ? finish(after) : finisher.screen(s, after))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof HttpClosedException && fenced.future().isComplete()
                        ? Uploads.takenOver()
                        : e))
        .eventually(
            () -> {
              vertx.cancelTimer(timer);
              return redis.release(s.id(), token);
            });
  }

  private static void stopWhen(boolean asked, Promise<Void> fenced) {
    if (asked) {
      fenced.tryComplete();
    }
  }

  private Future<UploadState> settle(
      UploadState s, String token, Written w, Checksum checksum, MessageDigest digest) {
    if (w.failure() instanceof UploadStaging.UploadTooLongException) {
      return staging
          .truncate(s.id(), s.offset())
          .transform(
              v ->
                  Future.failedFuture(
                      new ChannelException(
                          ErrorCode.UPLOAD_TOO_LARGE,
                          "The body is longer than the "
                              + (s.length() - s.offset())
                              + " bytes left of this upload.")));
    }
    if (checksum != null
        && (w.failure() != null || !MessageDigest.isEqual(checksum.expected(), digest.digest()))) {
      Throwable why =
          w.failure() != null
              ? w.failure()
              : new ChannelException(
                  ErrorCode.CHECKSUM_MISMATCH,
                  "The "
                      + checksum.algorithm()
                      + " of this chunk does not match Upload-Checksum;"
                      + " the chunk was discarded, send it again from offset "
                      + s.offset()
                      + ".");
      return staging.truncate(s.id(), s.offset()).transform(v -> Future.failedFuture(why));
    }
    long to = s.offset() + w.bytes();
    long expiresAt = uploads.nextExpiry();
    return redis
        .advance(s.id(), token, s.offset(), to, expiresAt)
        .recover(Uploads::unavailable)
        .compose(
            a -> {
              if (a != RedisUploads.Advance.DONE) {
                return Future.failedFuture(Uploads.locked());
              }
              if (w.failure() != null) {
                return Future.failedFuture(w.failure());
              }
              return Future.succeededFuture(
                  new UploadState(
                      s.id(), s.owner(), s.length(), to, s.metadata(), expiresAt, null));
            });
  }

  private Future<UploadState> finish(UploadState s) {
    return finisher
        .finish(s)
        .map(
            mediaId ->
                new UploadState(
                    s.id(),
                    s.owner(),
                    s.length(),
                    s.offset(),
                    s.metadata(),
                    s.expiresAt(),
                    mediaId));
  }

  private static Future<UploadState> checkOffset(UploadState s, long offset) {
    if (s.complete() || s.offset() != offset) {
      return Future.failedFuture(
          new ChannelException(
              ErrorCode.UPLOAD_OFFSET_MISMATCH,
              "Upload-Offset is "
                  + offset
                  + " but the upload is at "
                  + s.offset()
                  + (s.complete() ? " and complete" : "")
                  + "; ask with HEAD and continue from there."));
    }
    return Future.succeededFuture(s);
  }
}
