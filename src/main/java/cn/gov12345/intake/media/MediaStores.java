package cn.gov12345.intake.media;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.MediaConfig;
import cn.gov12345.intake.config.S3Config;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the configured {@link MediaStore} ({@code media.store}). */
public final class MediaStores {

  private MediaStores() {}

  /** The store {@code media.store} names, for one verticle. */
  public static MediaStore create(Vertx vertx, GatewayConfig config) {
    MediaConfig media = config.media();
    if (!media.usesS3()) {
      return new FileMediaStore(vertx, config.dataDir(), media.baseUri());
    }
    S3Config s3 = media.s3();
    return new S3MediaStore(
        vertx,
        client(s3),
        s3.bucket(),
        s3.prefix(),
        media.baseUri(),
        s3.partSize(),
        Path.of(config.dataDir(), "media-spool").toAbsolutePath());
  }

  /**
   * An S3 client with the blocking url-connection HTTP client. Checksums only where the API
   * requires them: the SDK's default trailing CRC checksums are not understood by every
   * S3-compatible store.
   */
  public static S3Client client(S3Config s3) {
    AwsCredentialsProvider credentials =
        s3.accessKeyId().isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    s3.accessKeyId().reveal(), s3.secretAccessKey().reveal()));
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(s3.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (!s3.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(s3.endpoint()));
    }
    return builder.build();
  }
}
