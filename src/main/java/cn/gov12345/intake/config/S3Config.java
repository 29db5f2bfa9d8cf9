package cn.gov12345.intake.config;

/**
 * The S3-compatible object store of {@code media.store: s3}.
 *
 * @param bucket the bucket (must exist)
 * @param endpoint empty = AWS; otherwise the service URL (MinIO, OSS, COS, …)
 * @param region the signing region (MinIO accepts any, e.g. us-east-1)
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param accessKeyId empty = the SDK's default credential chain (environment, profile, role)
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param prefix prepended to every object key (e.g. {@code media/})
 * @param partSize multipart part size in bytes (5 MiB .. 5 GiB); smaller files go in one PUT
 */
public record S3Config(
    String bucket,
    String endpoint,
    String region,
    boolean pathStyle,
    Secret accessKeyId,
    Secret secretAccessKey,
    String prefix,
    long partSize) {

  static final long MIN_PART = 5L * 1024 * 1024;

  public S3Config {
    bucket = bucket == null ? "" : bucket;
    endpoint = endpoint == null ? "" : endpoint;
    region = region == null || region.isBlank() ? "us-east-1" : region;
    accessKeyId = accessKeyId == null ? Secret.of("") : accessKeyId;
    secretAccessKey = secretAccessKey == null ? Secret.of("") : secretAccessKey;
    prefix = prefix == null ? "" : prefix;
    partSize = partSize == 0 ? 16 * 1024 * 1024 : partSize;
  }

  void validate(Problems p) {
    p.require(!bucket.isBlank(), "media.s3.bucket", "is required with media.store: s3");
    p.require(
        endpoint.isEmpty() || endpoint.startsWith("http://") || endpoint.startsWith("https://"),
        "media.s3.endpoint",
        "must be an http(s) URL or empty");
    p.require(
        partSize >= MIN_PART && partSize <= 1024 * MIN_PART,
        "media.s3.partSize",
        "must be 5 MiB .. 5 GiB");
    p.require(
        accessKeyId.isBlank() == secretAccessKey.isBlank(),
        "media.s3.secretAccessKey",
        "accessKeyId and secretAccessKey are set together or not at all");
  }
}
