package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;

/**
 * Where attachment bytes are kept: the filesystem ({@link FileMediaStore}, the default) or an
 * S3-compatible object store ({@link S3MediaStore}). Content-addressed: putting the same bytes
 * twice yields the same {@link StoredMedia} and one stored copy, so deleting is the business of
 * whoever knows that no one else refers to the bytes ({@link MediaSweeper} counts references).
 */
public interface MediaStore {

  /**
   * Stores bytes already in memory (small media: a WeChat photo, a voice message).
   *
   * @param declaredType what the sender claimed (kept for logs only; the type is sniffed)
   * @param nameHint an optional original name (not used for the storage path)
   * @return the stored file; fails when the bytes could not be written (disk full, permissions, the
   *     object store unreachable)
   */
  Future<StoredMedia> put(Buffer bytes, String declaredType, String nameHint);

  /**
   * Stores a stream of any length: it is spooled to a local file while its SHA-256 is computed on
   * the fly (never held whole in memory), then kept like {@link #putFile}.
   *
   * @return as {@link #put(Buffer, String, String)}; fails too when the stream fails
   */
  Future<StoredMedia> put(ReadStream<Buffer> content, String declaredType, String nameHint);

  /**
   * Takes over a local file whose digest is known (a completed upload): the file is moved or
   * uploaded and is gone from its place afterwards, also when the store already held these bytes.
   *
   * @return the stored file; on failure the local file is left where it was
   */
  Future<StoredMedia> putFile(Path file, FileDigest digest);

  /** Whether bytes with this SHA-256 are stored. */
  Future<Boolean> exists(String sha256);

  /** Deletes the stored bytes with this SHA-256; succeeds also when there were none. */
  Future<Void> delete(String sha256);
}
