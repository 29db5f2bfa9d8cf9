package cn.gov12345.intake.channel;

/**
 * How the door reads an endpoint's body: not at all, into memory up to a limit, as a multipart form
 * whose files are streamed to disk, or not read (streamed by the endpoint's I/O step itself). A
 * declared {@code Content-Length} over {@link #maxBytes()} is refused before a byte is read.
 */
public record Body(Kind kind, long maxBytes) {

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
  }

  /** No body is read (GET, HEAD, OPTIONS, DELETE). */
  public static Body none() {
    return new Body(Kind.NONE, 0);
  }

  /** The body is read into memory, refused with 413 beyond the limit. */
  public static Body buffered(long maxBytes) {
    return new Body(Kind.BUFFERED, maxBytes);
  }

  /** A multipart form: fields in memory, files streamed to the door's upload folder. */
  public static Body multipart(long maxBytes) {
    return new Body(Kind.MULTIPART, maxBytes);
  }

  /** Left unread for the endpoint's I/O step, which streams it within the limit. */
  public static Body streamed(long maxBytes) {
    return new Body(Kind.STREAMED, maxBytes);
  }
}
