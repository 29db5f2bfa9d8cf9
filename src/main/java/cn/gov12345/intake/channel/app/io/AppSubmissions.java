package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.channel.app.AppSubmission;
import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.media.MediaRegistry;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.media.UnknownMediaException;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.stream.AppendResult;
import io.vertx.core.Future;
import java.util.List;

/**
 * One app submission end to end: the Idempotency-Key check, the claim of the referenced uploads,
 * the atomic accept of the ticket. A replay answers the stored ids without touching anything.
 */
public final class AppSubmissions {

  private final AppChannel channel;
  private final IdempotencyStore idempotency;
  private final MediaRegistry media;
  private final IntakePipeline pipeline;
  private final QueryCodes queryCodes;

  public AppSubmissions(
      AppChannel channel,
      IdempotencyStore idempotency,
      MediaRegistry media,
      IntakePipeline pipeline,
      QueryCodes queryCodes) {
    this.channel = channel;
    this.idempotency = idempotency;
    this.media = media;
    this.pipeline = pipeline;
    this.queryCodes = queryCodes;
  }

  /**
   * @return the answer; fails with a {@link ChannelException} (409 {@code idempotency_key_in_use},
   *     422 {@code idempotency_key_reused} or {@code unknown_media}) or a 503 {@code
   *     StoreUnavailableException}; nothing is written when it fails
   */
  public Future<Submitted> submit(AppUser user, AppSubmission s) {
    IdempotencyStore.Scope scope = new IdempotencyStore.Scope(user.pseudonym(), s.keyHash());
    String dedupKey = AppChannel.dedupKey(user, s);
    return idempotency
        .begin(scope, dedupKey, s.fingerprint())
        .compose(
            check ->
                switch (check.outcome()) {
                  case REPLAY -> Future.succeededFuture(answer(check.prior()));
                  case MISMATCH -> Future.failedFuture(reused());
                  case IN_FLIGHT -> Future.failedFuture(inFlight());
                  case PROCEED ->
                      accept(user, s)
                          .map(this::answer)
                          .recover(
                              e ->
                                  idempotency
                                      .release(scope, dedupKey, check.token())
                                      .transform(v -> Future.failedFuture(e)));
                });
  }

  private Future<AppendResult> accept(AppUser user, AppSubmission s) {
    return media
        .claim(user.pseudonym(), s.mediaIds())
        .recover(
            e -> Future.failedFuture(e instanceof UnknownMediaException u ? unknownMedia(s, u) : e))
        .map(claimed -> channel.toInbound(user, s, attachments(claimed)))
        .compose(pipeline::accept);
  }

  private Submitted answer(AppendResult ids) {
    return new Submitted(
        ids, queryCodes.codeFor(ids.trackingNumber(), ids.ticketId()), ids.duplicate());
  }

  /** Claimed uploads as the ticket's attachments: URI, sha256, size and sniffed type. */
  public static List<Attachment> attachments(List<StoredMedia> claimed) {
    return claimed.stream()
        .map(m -> new Attachment(m.uri(), m.sha256(), m.size(), m.sniffedType(), null))
        .toList();
  }

  private static ChannelException unknownMedia(AppSubmission s, UnknownMediaException e) {
    return new ChannelException(
        ErrorCode.UNKNOWN_MEDIA,
        "mediaIds["
            + s.mediaIds().indexOf(e.mediaId())
            + "] is not a completed upload of this user (unknown, expired or not yours).");
  }

  private static ChannelException reused() {
    return new ChannelException(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        "This Idempotency-Key was already used with a different request body.");
  }

  private static ChannelException inFlight() {
    return new ChannelException(
        ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        "A request with this Idempotency-Key is still being processed; retry in a moment.");
  }
}
