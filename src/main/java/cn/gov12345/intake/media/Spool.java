package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Spools content to a temp file under a directory while digesting it, then lets a store take the
 * file over ({@link MediaStore#putFile}); the temp file is removed whatever happens.
 */
final class Spool {

  private final FileSystem fs;
  private final Path dir;

  Spool(Vertx vertx, Path dir) {
    this.fs = vertx.fileSystem();
    this.dir = dir;
  }

  /** Spools bytes in memory (digested at once) and hands the file to {@code keep}. */
  Future<StoredMedia> put(Buffer bytes, BiFunction<Path, FileDigest, Future<StoredMedia>> keep) {
    DigestingStream digest = new DigestingStream(null);
    digest.write(bytes);
    Path temp = temp();
    return fs.mkdirs(dir.toString())
        .compose(v -> fs.writeFile(temp.toString(), bytes))
        .compose(v -> keep.apply(temp, digest.digest()))
        .eventually(() -> fs.delete(temp.toString()));
  }

  /** Spools a stream (digested on the fly) and hands the file to {@code keep}. */
  Future<StoredMedia> put(
      ReadStream<Buffer> content, BiFunction<Path, FileDigest, Future<StoredMedia>> keep) {
    Path temp = temp();
    return fs.mkdirs(dir.toString())
        .compose(v -> fs.open(temp.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
        .compose(
            file -> {
              DigestingStream digest = new DigestingStream(file);
              return content
                  .pipeTo(digest)
                  .recover(e -> file.close().transform(ignored -> Future.failedFuture(e)))
                  .map(v -> digest.digest());
            })
        .compose(digest -> keep.apply(temp, digest))
        .eventually(() -> fs.delete(temp.toString()));
  }

  private Path temp() {
    return dir.resolve("." + UUID.randomUUID() + ".spool");
  }
}
