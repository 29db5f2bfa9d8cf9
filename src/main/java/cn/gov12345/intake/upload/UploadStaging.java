package cn.gov12345.intake.upload;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Incomplete uploads on disk, one file per upload under the staging directory (shared by all
 * replicas). A PATCH body is streamed into the file at its offset with back-pressure: memory use is
 * the file's write queue, whatever the size of the upload.
 */
public final class UploadStaging {

  /**
   * What one PATCH wrote.
   *
   * @param bytes bytes handed to the file and flushed
   * @param failure why the body ended early (client gone, limit exceeded); null when it ended
   */
  public record Written(long bytes, Throwable failure) {}

  /**
   * A PATCH body to stream.
   *
   * @param bytes the request body, paused
   * @param dropped completes when the client's connection closed before the answer: the copy stops
   *     there, whether or not the body stream itself reported it
   */
  public record Body(ReadStream<Buffer> bytes, Future<Void> dropped) {}

  private static final String GONE = "the connection closed before the body ended";

  private final FileSystem fs;
  private final Path dir;

  public UploadStaging(Vertx vertx, Path dir) {
    this.fs = vertx.fileSystem();
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The staged file of an upload. */
  public Path path(String id) {
    return dir.resolve(id);
  }

  /** Creates the empty staged file of a new upload. */
  public Future<Void> create(String id) {
    return fs.mkdirs(dir.toString()).compose(v -> fs.createFile(path(id).toString()));
  }

  /**
   * Streams a body into the staged file from {@code offset}. The body must be paused; it is resumed
   * here.
   *
   * @param max the most bytes the body may have (the rest of {@code Upload-Length})
   * @param checksum updated with every byte, or null
   * @return what was written; fails only when the file could not be opened or flushed
   */
  public Future<Written> append(
      String id, long offset, Body body, long max, MessageDigest checksum) {
    return fs.open(path(id).toString(), new OpenOptions().setWrite(true).setCreate(false))
        .compose(
            file -> {
              file.setWritePos(offset);
              Future<Written> copied = copy(body, file, max, checksum);
              return copied.compose(
                  w -> file.flush().eventually(file::close).map(w),
                  e -> file.close().transform(ignored -> Future.failedFuture(e)));
            });
  }

  private static Future<Written> copy(
      Body source, AsyncFile file, long max, MessageDigest checksum) {
    Promise<Written> done = Promise.promise();
    long[] count = {0};
    ReadStream<Buffer> body = source.bytes();
    file.exceptionHandler(done::tryFail);
    source
        .dropped()
        .onComplete(v -> done.tryComplete(new Written(count[0], new HttpClosedException(GONE))));
    body.handler(
        chunk -> {
          if (done.future().isComplete()) {
            return;
          }
          if (count[0] + chunk.length() > max) {
            done.tryComplete(new Written(count[0], new UploadTooLongException()));
            return;
          }
          count[0] += chunk.length();
          if (checksum != null) {
            checksum.update(chunk.getBytes());
          }
          file.write(chunk);
          if (file.writeQueueFull()) {
            body.pause();
            file.drainHandler(v -> body.resume());
          }
        });
    body.exceptionHandler(e -> done.tryComplete(new Written(count[0], e)));
    body.endHandler(v -> done.tryComplete(new Written(count[0], null)));
    body.resume();
    return done.future();
  }

  /** Cuts a staged file back to {@code length} (a chunk whose checksum failed). */
  public Future<Void> truncate(String id, long length) {
    return fs.truncate(path(id).toString(), length);
  }

  /** Removes a staged file; succeeds when there was none. */
  public Future<Void> delete(String id) {
    String p = path(id).toString();
    return fs.exists(p).compose(e -> e ? fs.delete(p) : Future.succeededFuture());
  }

  /** The body carried more bytes than the upload has left. */
  public static final class UploadTooLongException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UploadTooLongException() {
      super("the body is longer than the rest of the upload", null, false, false);
    }
  }
}
