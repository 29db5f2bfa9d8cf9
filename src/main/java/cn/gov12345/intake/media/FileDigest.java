package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;

/**
 * What the media store needs to know of a file before it keeps it.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes (the content address)
 * @param size bytes
 * @param sniffedType the type sniffed from the first bytes
 */
public record FileDigest(String sha256, long size, String sniffedType) {

  /** Reads a file once, in chunks (never whole into memory), to digest it. */
  public static Future<FileDigest> of(Vertx vertx, Path file) {
    return vertx
        .fileSystem()
        .open(file.toString(), new OpenOptions().setRead(true).setWrite(false))
        .compose(
            f -> {
              DigestingStream digest = new DigestingStream(null);
              return f.pipeTo(digest).eventually(f::close).map(v -> digest.digest());
            });
  }

  /** The record of the file once stored at {@code uri}. */
  public StoredMedia storedAt(String uri) {
    return new StoredMedia(uri, sha256, size, sniffedType);
  }
}
