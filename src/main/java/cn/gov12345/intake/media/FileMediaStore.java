package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The filesystem media store: {@code <dataDir>/media/<sha256[0..2]>/<sha256>}, written through
 * {@code vertx.fileSystem()} (never blocking an event loop) to a temp file in the same directory,
 * then moved atomically into place, so a reader never sees half a file and the same bytes stored
 * twice (two replicas, a retry) leave one file. Streams are spooled under {@code media/.spool/}.
 */
public final class FileMediaStore implements MediaStore {

  private final FileSystem fs;
  private final Path root;
  private final String baseUri;
  private final Spool spool;

  /**
   * @param dataDir the gateway's data directory; files go under {@code media/}
   * @param baseUri empty = {@code file:} URIs of the absolute path; otherwise the URI prefix the
   *     relative path {@code <sha256[0..2]>/<sha256>} is appended to (e.g. a static file server)
   */
  public FileMediaStore(Vertx vertx, String dataDir, String baseUri) {
    this.fs = vertx.fileSystem();
    this.root = Path.of(dataDir, "media").toAbsolutePath().normalize();
    this.baseUri = baseUri == null ? "" : baseUri;
    this.spool = new Spool(vertx, root.resolve(".spool"));
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
    String sha256 = digest.sha256();
    Path dir = root.resolve(sha256.substring(0, 2));
    Path target = dir.resolve(sha256);
    Path temp = dir.resolve("." + sha256 + "." + UUID.randomUUID() + ".tmp");
    String uri = baseUri.isEmpty() ? target.toUri().toString() : baseUri + relative(sha256);
    // a move into the target directory first (a copy when the file is on another filesystem),
    // then an atomic rename into place
    return fs.mkdirs(dir.toString())
        .compose(v -> fs.move(file.toString(), temp.toString()))
        .compose(
            v ->
                fs.move(
                        temp.toString(),
                        target.toString(),
                        new CopyOptions().setAtomicMove(true).setReplaceExisting(true))
                    .recover(
                        e ->
                            fs.move(temp.toString(), file.toString())
                                .transform(ignored -> Future.failedFuture(e))))
        .map(digest.storedAt(uri));
  }

  @Override
  public Future<Boolean> exists(String sha256) {
    return fs.exists(path(sha256).toString());
  }

  @Override
  public Future<Void> delete(String sha256) {
    String path = path(sha256).toString();
    return fs.exists(path).compose(e -> e ? fs.delete(path) : Future.succeededFuture());
  }

  /** The file of a SHA-256 (whether or not it exists). */
  public Path path(String sha256) {
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  private static String relative(String sha256) {
    return sha256.substring(0, 2) + "/" + sha256;
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
