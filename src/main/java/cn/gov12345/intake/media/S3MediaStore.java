package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.input.BoundedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The S3-compatible media store (AWS S3, MinIO, Alibaba OSS, Tencent COS): objects {@code
 * [prefix]<sha256[0..2]>/<sha256>} in one bucket. Files up to {@code partSize} go up in one PUT,
 * larger ones as a multipart upload of {@code partSize} parts read from the local file one at a
 * time (aborted on failure, so no orphaned parts are billed). The SDK is blocking (its url-
 * connection HTTP client: no second Netty on the class path), so every call runs on a worker
 * thread. Streams are spooled to a local file first, since the object's key is the SHA-256 of its
 * bytes and is known only at the end.
 */
public final class S3MediaStore implements MediaStore {

  private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);

  private final Vertx vertx;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String baseUri;
  private final long partSize;
  private final Spool spool;

  /**
   * @param spoolDir local directory for streams on their way up
   * @param baseUri empty = {@code s3://bucket/key} URIs; otherwise the prefix of the key
   */
  public S3MediaStore(
      Vertx vertx,
      S3Client s3,
      String bucket,
      String prefix,
      String baseUri,
      long partSize,
      Path spoolDir) {
    this.vertx = vertx;
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.baseUri = baseUri == null ? "" : baseUri;
    this.partSize = partSize;
    this.spool = new Spool(vertx, spoolDir);
  }

  @Override
  public Future<StoredMedia> put(Buffer bytes, String declaredType, String nameHint) {
    return spool.put(bytes, this::putFile);
  }

  @Override
  public Future<StoredMedia> put(ReadStream<Buffer> content, String declaredType, String nameHint) {
    return spool.put(content, this::putFile);
  }

  @Override
  public Future<StoredMedia> putFile(Path file, FileDigest digest) {
    String key = key(digest.sha256());
    String uri = baseUri.isEmpty() ? "s3://" + bucket + "/" + key : baseUri + key;
    return vertx
        .executeBlocking(
            () -> {
              if (!objectExists(key)) {
                upload(file, key, digest);
              }
              Files.deleteIfExists(file);
              return digest.storedAt(uri);
            },
            false)
        .onFailure(e -> LOG.warn("[media] S3 upload failed: {}", e.toString()));
  }

  @Override
  public Future<Boolean> exists(String sha256) {
    return vertx.executeBlocking(() -> objectExists(key(sha256)), false);
  }

  @Override
  public Future<Void> delete(String sha256) {
    return vertx.executeBlocking(
        () -> {
          s3.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
          return null;
        },
        false);
  }

  /** The object key of a SHA-256. */
  public String key(String sha256) {
    return prefix + sha256.substring(0, 2) + "/" + sha256;
  }

  private boolean objectExists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void upload(Path file, String key, FileDigest digest) {
    String type = digest.sniffedType();
    if (digest.size() <= partSize) {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), RequestBody.fromFile(file));
      return;
    }
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(type)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0; offset < digest.size(); offset += partSize) {
        int number = parts.size() + 1;
        long length = Math.min(partSize, digest.size() - offset);
        UploadPartResponse r =
            s3.uploadPart(
                b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                part(file, offset, length));
        parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      throw e;
    }
  }

  /** One part of a file, re-readable (the SDK may read a body twice: signing, retries). */
  private static RequestBody part(Path file, long offset, long length) {
    return RequestBody.fromContentProvider(
        () -> slice(file, offset, length), length, "application/octet-stream");
  }

  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return BoundedInputStream.builder()
          .setInputStream(Channels.newInputStream(channel))
          .setMaxCount(length)
          .get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
