package cn.gov12345.intake.media;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The media type of a file from its first bytes. A small table of the types WeChat and the apps
 * deliver, not Apache Tika: Tika core plus its MIME database adds about 3 MB to the jar and its
 * first detection parses a large XML file (hundreds of ms of start-up), for formats a government
 * hotline never receives. Anything not in the table is {@code application/octet-stream}: the
 * declared type is never trusted.
 */
public final class MediaSniffer {

  public static final String UNKNOWN = "application/octet-stream";

  private record Magic(int offset, byte[] bytes, String type) {
    Magic(int offset, String ascii, String type) {
      this(offset, ascii.getBytes(StandardCharsets.ISO_8859_1), type);
    }

    boolean matches(byte[] head) {
      if (head.length < offset + bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        if (head[offset + i] != bytes[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Magic> TABLE =
      List.of(
          new Magic(0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "image/jpeg"),
          new Magic(0, "\u0089PNG\r\n\u001a\n", "image/png"),
          new Magic(0, "GIF87a", "image/gif"),
          new Magic(0, "GIF89a", "image/gif"),
          new Magic(0, "#!AMR", "audio/amr"),
          new Magic(0, "ID3", "audio/mpeg"),
          new Magic(0, new byte[] {(byte) 0xFF, (byte) 0xFB}, "audio/mpeg"),
          new Magic(0, new byte[] {(byte) 0xFF, (byte) 0xF3}, "audio/mpeg"),
          new Magic(0, new byte[] {(byte) 0xFF, (byte) 0xF2}, "audio/mpeg"),
          new Magic(8, "M4A", "audio/mp4"),
          new Magic(4, "ftyp", "video/mp4"),
          new Magic(28, "Speex   ", "audio/speex"),
          new Magic(0, "OggS", "audio/ogg"));

  private static final Magic RIFF = new Magic(0, "RIFF", "");
  private static final Magic WEBP = new Magic(8, "WEBP", "image/webp");

  private MediaSniffer() {}

  /** The sniffed type; {@link #UNKNOWN} when no entry matches. */
  public static String sniff(byte[] head) {
    if (RIFF.matches(head) && WEBP.matches(head)) {
      return WEBP.type();
    }
    for (Magic m : TABLE) {
      if (m.matches(head)) {
        return m.type();
      }
    }
    return UNKNOWN;
  }
}
