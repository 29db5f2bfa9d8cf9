package cn.gov12345.intake.upload;

import cn.gov12345.intake.channel.app.TusProtocol;
import cn.gov12345.intake.channel.app.UploadState;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.media.FileDigest;
import cn.gov12345.intake.media.MediaPolicy;
import cn.gov12345.intake.media.MediaSniffer;
import cn.gov12345.intake.media.MediaStore;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.media.StoredMedia;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a fully received upload into stored media: digests the staged file (one streaming read),
 * checks it against the {@link MediaPolicy} (sniffed type, allowlist, size, declared type and
 * name), pins its bytes, moves it into the {@link MediaStore} and registers it in the {@link
 * RedisMediaRegistry} under a new media id. A refused file is deleted with its upload, and nothing
 * is stored.
 */
public final class UploadFinisher {

  static final int PIN_ATTEMPTS = 50;
  static final long PIN_WAIT_MS = 200;
  private static final Logger LOG = LoggerFactory.getLogger(UploadFinisher.class);

  private final Vertx vertx;
  private final UploadStaging staging;
  private final RedisUploads uploads;
  private final MediaPolicy policy;
  private final MediaStore store;
  private final RedisMediaRegistry registry;
  private final Duration unclaimedTtl;

  public UploadFinisher(
      Vertx vertx,
      UploadStaging staging,
      RedisUploads uploads,
      MediaPolicy policy,
      MediaStore store,
      RedisMediaRegistry registry,
      Duration unclaimedTtl) {
    this.vertx = vertx;
    this.staging = staging;
    this.uploads = uploads;
    this.policy = policy;
    this.store = store;
    this.registry = registry;
    this.unclaimedTtl = unclaimedTtl;
  }

  /**
   * Finishes a complete upload (the caller holds its lease).
   *
   * @return the media id; fails with a {@link ChannelException} when the file is refused (the
   *     upload and its bytes are gone then), or with the store's or Redis' failure
   */
  public Future<String> finish(UploadState upload) {
    return FileDigest.of(vertx, staging.path(upload.id()))
        .compose(digest -> checked(upload, digest))
        .compose(digest -> store(upload, digest));
  }

  /**
   * Screens an upload still arriving as soon as its first bytes are staged: a disallowed or
   * mismatching type, or an {@code Upload-Length} over its type's limit, is refused (and deleted)
   * now rather than after the last byte reached a citizen's data plan.
   *
   * @param before the upload before this PATCH
   * @param after the upload after it, not complete
   */
  public Future<UploadState> screen(UploadState before, UploadState after) {
    long head = Math.min(MediaSniffer.HEAD_BYTES, after.length());
    if (before.offset() >= head || after.offset() < head) {
      return Future.succeededFuture(after);
    }
    return vertx
        .fileSystem()
        .open(staging.path(after.id()).toString(), new OpenOptions().setRead(true))
        .compose(f -> f.read(Buffer.buffer((int) head), 0, 0, (int) head).eventually(f::close))
        .compose(
            bytes ->
                checked(
                        after,
                        new FileDigest(null, after.length(), MediaSniffer.sniff(bytes.getBytes())))
                    .map(after));
  }

  private Future<FileDigest> checked(UploadState upload, FileDigest digest) {
    Map<String, String> meta = TusProtocol.metadata(upload.metadata());
    try {
      policy.check(digest.sniffedType(), digest.size(), declaredType(meta), meta.get("filename"));
      return Future.succeededFuture(digest);
    } catch (ChannelException refused) {
      LOG.info(
          "[upload {}] refused {} ({} bytes): {}",
          upload.id(),
          digest.sniffedType(),
          digest.size(),
          refused.errorCode().code());
      return staging
          .delete(upload.id())
          .compose(v -> uploads.delete(upload))
          .transform(ignored -> Future.failedFuture(refused));
    }
  }

  private Future<String> store(UploadState upload, FileDigest digest) {
    String mediaId = "m" + UUID.randomUUID().toString().replace("-", "");
    return store
        .exists(digest.sha256())
        .compose(existed -> pin(digest.sha256(), mediaId, existed, PIN_ATTEMPTS))
        .compose(v -> store.putFile(staging.path(upload.id()), digest))
        .compose(stored -> register(upload, mediaId, stored))
        .map(mediaId);
  }

  private Future<Void> register(UploadState upload, String mediaId, StoredMedia stored) {
    LOG.info(
        "[upload {}] stored as media {} ({} bytes, {})",
        upload.id(),
        mediaId,
        stored.size(),
        stored.sniffedType());
    return registry
        .register(mediaId, upload.owner(), stored, unclaimedTtl)
        .compose(v -> uploads.complete(upload, mediaId, unclaimedTtl.toMillis()));
  }

  /** Pins the bytes; while a sweeper deletes the same bytes, waits and tries again. */
  private Future<Void> pin(String sha256, String mediaId, boolean existed, int attempts) {
    return registry
        .pin(sha256, mediaId, existed)
        .compose(
            pinned -> {
              if (pinned) {
                return Future.succeededFuture();
              }
              if (attempts <= 1) {
                return Future.failedFuture(
                    new IllegalStateException("the same bytes are still being deleted"));
              }
              return vertx
                  .timer(PIN_WAIT_MS)
                  .compose(t -> pin(sha256, mediaId, existed, attempts - 1));
            });
  }

  private static String declaredType(Map<String, String> meta) {
    String type = meta.get("filetype");
    return type != null ? type : meta.get("type");
  }
}
