package cn.gov12345.intake.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Media storage, file validation and resumable uploads.
 *
 * @param store {@code file} (under {@code dataDir/media}) or {@code s3}
 * @param baseUri prefix of stored media URIs (empty = {@code file:} or {@code s3://} URIs)
 * @param stagingDir where incomplete uploads are written (empty = {@code dataDir/uploads}); must be
 *     shared by all replicas (a resumed upload may land on another one)
 * @param imageMaxBytes largest photo (JPEG, PNG, HEIC, WebP)
 * @param videoMaxBytes largest video (MP4, QuickTime, 3GP); also bounds {@code Upload-Length}
 * @param uploadExpiry an incomplete upload not written to for this long is deleted
 * @param unclaimedTtl a completed upload no submission referenced within this time is deleted
 * @param sweepInterval how often expired uploads and unclaimed media are looked for
 * @param uploadLease how long one PATCH holds an upload without renewing its lease (a replica that
 *     died mid-PATCH blocks the upload at most this long)
 * @param s3 the object store of {@code store: s3}
 * @param diskReserveBytes uploads (tus, web-form photos) are refused with 507 while the data volume
 *     has less free space than this, so the Redis AOF on the same volume never runs out
 * @param uploadQuota limits on open tus uploads per app user and in all
 */
public record MediaConfig(
    String store,
    String baseUri,
    String stagingDir,
    long imageMaxBytes,
    long videoMaxBytes,
    Duration uploadExpiry,
    Duration unclaimedTtl,
    Duration sweepInterval,
    Duration uploadLease,
    S3Config s3,
    long diskReserveBytes,
    UploadQuotaConfig uploadQuota) {

  public MediaConfig {
    store = store == null || store.isBlank() ? "file" : store;
    baseUri = Objects.requireNonNullElse(baseUri, "");
    stagingDir = Objects.requireNonNullElse(stagingDir, "");
    imageMaxBytes = orDefault(imageMaxBytes, 20L * 1024 * 1024);
    videoMaxBytes = orDefault(videoMaxBytes, 1024L * 1024 * 1024);
    uploadExpiry = Objects.requireNonNullElse(uploadExpiry, Duration.ofHours(24));
    unclaimedTtl = Objects.requireNonNullElse(unclaimedTtl, Duration.ofHours(24));
    sweepInterval = Objects.requireNonNullElse(sweepInterval, Duration.ofMinutes(1));
    uploadLease = Objects.requireNonNullElse(uploadLease, Duration.ofSeconds(30));
    diskReserveBytes = orDefault(diskReserveBytes, 1024L * 1024 * 1024);
    uploadQuota = Objects.requireNonNullElseGet(uploadQuota, UploadQuotaConfig::defaults);
    s3 =
        Objects.requireNonNullElseGet(
            s3, () -> new S3Config(null, null, null, false, null, null, null, 0));
  }

  private static long orDefault(long value, long otherwise) {
    return value == 0 ? otherwise : value;
  }

  /** Whether media go to the S3-compatible store. */
  public boolean usesS3() {
    return store.equals("s3");
  }

  /** The staging directory of incomplete uploads. */
  public Path staging(String dataDir) {
    return stagingDir.isBlank() ? Path.of(dataDir, "uploads") : Path.of(stagingDir);
  }

  void validate(Problems p) {
    p.require(store.equals("file") || store.equals("s3"), "media.store", "must be file or s3");
    p.require(
        imageMaxBytes > 0 && imageMaxBytes <= videoMaxBytes * 16,
        "media.imageMaxBytes",
        "must be positive");
    p.require(
        videoMaxBytes > 0 && videoMaxBytes <= 64L * 1024 * 1024 * 1024,
        "media.videoMaxBytes",
        "must be 1 byte .. 64 GiB");
    p.require(diskReserveBytes > 0, "media.diskReserveBytes", "must be positive");
    RedisConfig.positive(p, uploadExpiry, "media.uploadExpiry");
    RedisConfig.positive(p, unclaimedTtl, "media.unclaimedTtl");
    RedisConfig.positive(p, sweepInterval, "media.sweepInterval");
    p.require(
        uploadLease.compareTo(Duration.ofSeconds(3)) >= 0
            && uploadLease.compareTo(Duration.ofMinutes(10)) <= 0,
        "media.uploadLease",
        "must be 3s .. 10m");
    uploadQuota.validate(p);
    if (usesS3()) {
      s3.validate(p);
    }
  }
}
