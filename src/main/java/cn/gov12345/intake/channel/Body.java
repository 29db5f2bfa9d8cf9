package cn.gov12345.intake.channel;

/**
 * How the door reads an endpoint's body: not at all, into memory up to a limit, as a multipart form
 * whose files are streamed to disk, or not read (streamed by the endpoint's I/O step itself). A
 * declared {@code Content-Length} over {@link #maxBytes()} is refused before a byte is read.
 */
public record Body(Kind kind, long maxBytes, int maxParts) {

  /** The ways a body can be read. */
  public enum Kind {
    NONE,
    BUFFERED,
    MULTIPART,
    STREAMED
  }

  public Body {
    if (kind != Kind.NONE && maxBytes <= 0) {
      throw new IllegalArgumentException("a body limit must be positive");
    }
    if (kind == Kind.MULTIPART && maxParts <= 0) {
      throw new IllegalArgumentException("a multipart body needs a positive part limit");
    }
  }

  /** No body is read (GET, HEAD, OPTIONS, DELETE). */
  public static Body none() {
    return new Body(Kind.NONE, 0, 0);
  }

  /** The body is read into memory, refused with 413 beyond the limit. */
  public static Body buffered(long maxBytes) {
    return new Body(Kind.BUFFERED, maxBytes, 0);
  }

  /**
   * A multipart form: fields in memory, files streamed to the door's upload folder, at most {@code
   * maxParts} parts (fields and files) and {@code maxBytes} in all; the door refuses the part after
   * the last allowed one with {@code too_many_parts} and stores none of its bytes.
   */
  public static Body multipart(long maxBytes, int maxParts) {
    return new Body(Kind.MULTIPART, maxBytes, maxParts);
  }

  /** Left unread for the endpoint's I/O step, which streams it within the limit. */
  public static Body streamed(long maxBytes) {
    return new Body(Kind.STREAMED, maxBytes, 0);
  }
}
