package cn.gov12345.intake.media;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A write stream that computes SHA-256 and keeps the first {@link MediaSniffer#HEAD_BYTES} bytes of
 * everything written through it, then hands each buffer on to a delegate (or drops it when there is
 * none, to digest a file that is only read). Memory use is the head plus the delegate's queue,
 * whatever the size of the file.
 */
public final class DigestingStream implements WriteStream<Buffer> {

  private final WriteStream<Buffer> delegate;
  private final MessageDigest sha256;
  private final byte[] head = new byte[MediaSniffer.HEAD_BYTES];
  private int headLength;
  private long size;

  /**
   * @param delegate where the bytes go on to; null = nowhere
   */
  public DigestingStream(WriteStream<Buffer> delegate) {
    this.delegate = delegate;
    this.sha256 = newSha256();
  }

  @Override
  public DigestingStream exceptionHandler(Handler<Throwable> handler) {
    if (delegate != null) {
      delegate.exceptionHandler(handler);
    }
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    byte[] bytes = data.getBytes();
    sha256.update(bytes);
    size += bytes.length;
    if (headLength < head.length) {
      int n = Math.min(head.length - headLength, bytes.length);
      System.arraycopy(bytes, 0, head, headLength, n);
      headLength += n;
    }
    return delegate == null ? Future.succeededFuture() : delegate.write(data);
  }

  @Override
  public Future<Void> end() {
    return delegate == null ? Future.succeededFuture() : delegate.end();
  }

  @Override
  public DigestingStream setWriteQueueMaxSize(int maxSize) {
    if (delegate != null) {
      delegate.setWriteQueueMaxSize(maxSize);
    }
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return delegate != null && delegate.writeQueueFull();
  }

  @Override
  public DigestingStream drainHandler(Handler<Void> handler) {
    if (delegate != null) {
      delegate.drainHandler(handler);
    }
    return this;
  }

  /** What was written so far: hex SHA-256, byte count and the sniffed type of the head. */
  public FileDigest digest() {
    return new FileDigest(
        HexFormat.of().formatHex(sha256.digest()),
        size,
        MediaSniffer.sniff(Arrays.copyOf(head, headLength)));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
