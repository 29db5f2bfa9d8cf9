package cn.gov12345.intake.media;

import org.apache.tika.Tika;
import org.apache.tika.mime.MimeTypes;

/**
 * The media type of a file from its first bytes, by Apache Tika's magic detection ({@code
 * tika-core} alone: its MIME database, no parsers). Tika knows the formats phones actually send
 * (HEIC/HEIF, every ISO-BMFF brand, WebP, AMR, executables that pretend to be photos) far better
 * than a hand-kept table, at the price of a larger jar and a first detection that loads the
 * database (done once per JVM, in a static initializer). The declared type and the file name are
 * never trusted; anything Tika does not recognize is {@link #UNKNOWN}.
 *
 * <p>Note: an MP4 with the major brand {@code isom} (what many Android phones write) sniffs as
 * {@code video/quicktime}; the allowlist ({@link MediaPolicy}) accepts both.
 */
public final class MediaSniffer {

  public static final String UNKNOWN = "application/octet-stream";

  /** How many leading bytes detection looks at (Tika's longest magic offset). */
  public static final int HEAD_BYTES = MimeTypes.getDefaultMimeTypes().getMinLength();

  private static final Tika TIKA = new Tika();

  private MediaSniffer() {}

  /** The sniffed type of a file that starts with {@code head}; {@link #UNKNOWN} when unknown. */
  public static String sniff(byte[] head) {
    String type = TIKA.detect(head);
    return type == null || type.isBlank() ? UNKNOWN : type;
  }
}
