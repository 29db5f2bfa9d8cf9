package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where attachment bytes are kept (filesystem now, S3 later). Content-addressed: putting the same
 * bytes twice yields the same {@link StoredMedia} and one stored copy.
 */
public interface MediaStore {

  /**
   * Stores the bytes.
   *
   * @param declaredType what the sender claimed (kept for logs only; the type is sniffed)
   * @param nameHint an optional original name (not used for the storage path)
   * @return the stored file; fails when the bytes could not be written (disk full, permissions)
   */
  Future<StoredMedia> put(Buffer bytes, String declaredType, String nameHint);
}
