package cn.gov12345.intake.upload;

import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.channel.app.TusProtocol;
import cn.gov12345.intake.channel.app.UploadState;
import cn.gov12345.intake.config.UploadQuotaConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.media.MediaPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The tus operations apart from PATCH ({@link UploadPatch}): create, find, terminate. Every
 * operation is on behalf of an authenticated app user; another user's upload is indistinguishable
 * from one that does not exist (404).
 */
public final class Uploads {

  /** How often, and how many times, a request polls for an interrupted PATCH to settle. */
  static final long SETTLE_POLL_MS = 25;

  static final int SETTLE_POLLS = 120;

  /** After this many polls a HEAD asks a PATCH whose client went silent to stop (1 s). */
  static final int FENCE_AFTER_POLLS = 40;

  private final Vertx vertx;
  private final RedisUploads uploads;
  private final UploadStaging staging;
  private final MediaPolicy policy;
  private final Clock clock;
  private final Duration expiry;
  private final long leaseMs;

  public Uploads(
      Vertx vertx,
      RedisUploads uploads,
      UploadStaging staging,
      MediaPolicy policy,
      Clock clock,
      Duration expiry,
      Duration lease) {
    this.vertx = vertx;
    this.uploads = uploads;
    this.staging = staging;
    this.policy = policy;
    this.clock = clock;
    this.expiry = expiry;
    this.leaseMs = lease.toMillis();
  }

  /** The largest upload accepted ({@code Tus-Max-Size}). */
  public long maxSize() {
    return policy.maxBytes();
  }

  long leaseMs() {
    return leaseMs;
  }

  /** When an upload written to now expires (ms). */
  long nextExpiry() {
    return clock.millis() + expiry.toMillis();
  }

  /**
   * Creates an upload (tus creation).
   *
   * @throws ChannelException 413 when {@code length} exceeds every limit, 400 for bad metadata
   */
  public Future<UploadState> create(AppUser user, long length, String metadata) {
    if (length > policy.maxBytes()) {
      throw new ChannelException(
          ErrorCode.UPLOAD_TOO_LARGE,
          "Uploads may have at most " + policy.maxBytes() + " bytes (Tus-Max-Size).");
    }
    TusProtocol.metadata(metadata);
    UploadState state =
        new UploadState(
            UUID.randomUUID().toString().replace("-", ""),
            user.pseudonym(),
            length,
            0,
            metadata == null ? "" : metadata,
            nextExpiry(),
            null);
    return uploads
        .create(state)
        .recover(Uploads::unavailable)
        .compose(refused -> refused == null ? staged(state) : Future.failedFuture(quota(refused)))
        .map(state);
  }

  /** Creates the staged file of a recorded upload; forgets the upload when that fails. */
  private Future<Void> staged(UploadState state) {
    return staging
        .create(state.id())
        .recover(e -> uploads.delete(state).transform(ignored -> Future.<Void>failedFuture(e)));
  }

  private ChannelException quota(RedisUploads.Limit limit) {
    UploadQuotaConfig q = uploads.quota();
    String why =
        switch (limit) {
          case USER_OPEN ->
              "You already have "
                  + q.perUserOpen()
                  + " unfinished uploads, the most allowed; finish or delete (DELETE) one first.";
          case USER_BYTES ->
              "Your unfinished uploads would declare more than "
                  + q.perUserBytes()
                  + " bytes together; finish or delete (DELETE) one first.";
          case GLOBAL_OPEN, GLOBAL_BYTES ->
              "The gateway takes no more new uploads right now; try again later.";
        };
    return new ChannelException(ErrorCode.UPLOAD_QUOTA_EXCEEDED, why);
  }

  /** The user's upload; fails with 404 when it does not exist or is someone else's. */
  public Future<UploadState> find(AppUser user, String id) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      return Future.failedFuture(notFound());
    }
    return uploads
        .get(id)
        .recover(Uploads::unavailable)
        .compose(
            s ->
                s == null || !s.owner().equals(user.pseudonym())
                    ? Future.failedFuture(notFound())
                    : Future.succeededFuture(s));
  }

  /**
   * The user's upload with its committed offset: while a PATCH holds the upload (one whose client
   * just went away is still closing its file and recording what it wrote), waits up to {@link
   * #SETTLE_POLLS} x {@link #SETTLE_POLL_MS} ms for it to let go, then reads the upload again. Past
   * that bound it answers the offset recorded in Redis, which only ever moves once the bytes are in
   * the staged file; never an offset that is still moving.
   */
  public Future<UploadState> settled(AppUser user, String id) {
    return settled(user, id, false);
  }

  /**
   * What a HEAD answers: {@link #settled}, and when the PATCH holding the upload has not let go
   * after {@link #FENCE_AFTER_POLLS} polls (its client is gone without the connection breaking, as
   * when a phone changes networks), asks it to stop: it records what it wrote and lets go, and the
   * HEAD answers that offset, from which the client's next PATCH is accepted.
   */
  public Future<UploadState> committed(AppUser user, String id) {
    return settled(user, id, true);
  }

  private Future<UploadState> settled(AppUser user, String id, boolean fence) {
    return find(user, id)
        .compose(
            s ->
                s.complete()
                    ? Future.succeededFuture(s)
                    : released(id, SETTLE_POLLS, fence).compose(free -> find(user, id)));
  }

  private Future<Boolean> released(String id, int polls, boolean fence) {
    return uploads
        .leased(id)
        .compose(
            held -> {
              if (!held || polls <= 0) {
                return Future.succeededFuture(!held);
              }
              Future<?> asked =
                  fence && polls == SETTLE_POLLS - FENCE_AFTER_POLLS
                      ? uploads.fence(id, leaseMs)
                      : Future.succeededFuture();
              return asked
                  .compose(a -> vertx.timer(SETTLE_POLL_MS))
                  .compose(t -> released(id, polls - 1, fence));
            })
        .recover(Uploads::unavailable);
  }

  /** Terminates an upload: its staged bytes and state are deleted (423 while a PATCH runs). */
  public Future<Void> terminate(AppUser user, String id) {
    String token = UUID.randomUUID().toString();
    return settled(user, id)
        .compose(
            s ->
                uploads
                    .lease(id, token, leaseMs)
                    .recover(Uploads::unavailable)
                    .compose(
                        leased ->
                            leased
                                ? staging.delete(id).compose(v -> uploads.delete(s))
                                : Future.failedFuture(locked()))
                    .eventually(() -> uploads.release(id, token)));
  }

  static ChannelException notFound() {
    return new ChannelException(
        ErrorCode.NOT_FOUND, "There is no such upload (it may have expired or been terminated).");
  }

  static ChannelException takenOver() {
    return new ChannelException(
        ErrorCode.UPLOAD_LOCKED,
        "A newer request took this upload over; ask with HEAD and continue from its offset.");
  }

  static ChannelException locked() {
    return new ChannelException(
        ErrorCode.UPLOAD_LOCKED, "Another request is writing this upload; try again shortly.");
  }

  static <T> Future<T> unavailable(Throwable e) {
    return Future.failedFuture(
        e instanceof ChannelException
            ? e
            : new StoreUnavailableException("The upload state could not be read or written.", e));
  }
}
