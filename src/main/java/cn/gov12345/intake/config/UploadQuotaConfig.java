package cn.gov12345.intake.config;

/**
 * Limits on open (incomplete) tus uploads, enforced atomically at creation ({@code
 * upload_create.lua}): beyond any of them a creation is refused with 429 {@code
 * upload_quota_exceeded} and nothing is written. An upload stops counting when it completes, is
 * terminated, is refused on completion or expires.
 *
 * @param perUserOpen open uploads one app user may have (default 10)
 * @param perUserBytes the sum of the {@code Upload-Length}s of one user's open uploads (default 2
 *     GiB)
 * @param globalOpen open uploads of all users together (default 10,000)
 * @param globalBytes the sum of the declared lengths of all open uploads (default 200 GiB): set it
 *     to what the staging volume can hold above {@code media.diskReserveBytes}
 */
public record UploadQuotaConfig(
    int perUserOpen, long perUserBytes, int globalOpen, long globalBytes) {

  public UploadQuotaConfig {
    perUserOpen = perUserOpen == 0 ? 10 : perUserOpen;
    perUserBytes = perUserBytes == 0 ? 2L * 1024 * 1024 * 1024 : perUserBytes;
    globalOpen = globalOpen == 0 ? 10_000 : globalOpen;
    globalBytes = globalBytes == 0 ? 200L * 1024 * 1024 * 1024 : globalBytes;
  }

  /** The defaults. */
  public static UploadQuotaConfig defaults() {
    return new UploadQuotaConfig(0, 0, 0, 0);
  }

  void validate(Problems p) {
    p.require(
        perUserOpen >= 1 && perUserOpen <= 1000,
        "media.uploadQuota.perUserOpen",
        "must be 1 .. 1000");
    p.require(perUserBytes >= 1, "media.uploadQuota.perUserBytes", "must be positive");
    p.require(
        globalOpen >= perUserOpen,
        "media.uploadQuota.globalOpen",
        "must be at least media.uploadQuota.perUserOpen");
    p.require(globalBytes >= 1, "media.uploadQuota.globalBytes", "must be positive");
  }
}
