package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaConfigTest {

  private static GatewayConfig load(String yaml) throws IOException {
    Path file = Files.createTempFile("media", ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(Map.of("INTAKE_S3_SECRET_ACCESS_KEY", "from-env")::get).load(file);
  }

  @Test
  void theDefaultsKeepMediaOnDiskWithTheIssuesLimits() throws IOException {
    MediaConfig media = load("").media();
    assertThat(media.usesS3()).isFalse();
    assertThat(media.imageMaxBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(media.videoMaxBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(media.uploadExpiry()).isEqualTo(Duration.ofHours(24));
    assertThat(media.staging("/data")).isEqualTo(Path.of("/data", "uploads"));
  }

  @Test
  void theUploadQuotaDefaultsTo10UploadsAnd2GibPerUser() throws IOException {
    UploadQuotaConfig quota = load("").media().uploadQuota();
    assertThat(quota.perUserOpen()).isEqualTo(10);
    assertThat(quota.perUserBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(quota.globalOpen()).isEqualTo(10_000);
    assertThat(quota.globalBytes()).isEqualTo(200L * 1024 * 1024 * 1024);
  }

  @Test
  void aGlobalQuotaBelowThePerUserOneIsAProblem() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    "media:\n  uploadQuota:\n    perUserOpen: 20\n    globalOpen: 5\n"
                        + "    perUserBytes: -1\n"));
    assertThat(String.join("\n", e.problems()))
        .contains("media.uploadQuota.globalOpen", "media.uploadQuota.perUserBytes");
  }

  @Test
  void anS3StoreTakesItsSecretFromTheEnvironmentAndNeverShowsIt() throws IOException {
    GatewayConfig config =
        load(
            "media:\n  store: s3\n  s3:\n    bucket: b\n    endpoint: http://minio:9000\n"
                + "    accessKeyId: id\n");
    assertThat(config.media().usesS3()).isTrue();
    assertThat(config.media().s3().secretAccessKey().reveal()).isEqualTo("from-env");
    assertThat(config.toString()).doesNotContain("from-env");
  }

  @Test
  void everyMediaProblemIsReportedAtOnce() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    "media:\n  store: ftp\n  videoMaxBytes: -1\n  uploadLease: 1s\n"
                        + "  sweepInterval: 0s\n  unknownKey: 1\n"));
    assertThat(String.join("\n", e.problems()))
        .contains(
            "media.store",
            "media.videoMaxBytes",
            "media.uploadLease",
            "media.sweepInterval",
            "unknownKey");
  }

  @Test
  void anS3StoreNeedsABucketAndSaneParts() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> load("media:\n  store: s3\n  s3:\n    endpoint: ftp://x\n    partSize: 1000\n"));
    assertThat(String.join("\n", e.problems()))
        .contains("media.s3.bucket", "media.s3.endpoint", "media.s3.partSize");
  }
}
