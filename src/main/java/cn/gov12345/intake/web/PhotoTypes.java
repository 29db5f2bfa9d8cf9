package cn.gov12345.intake.web;

import cn.gov12345.intake.media.MediaSniffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Which photos the web form takes: JPEG, PNG, WebP and HEIC (iPhone photos), read from the bytes,
 * never from the declared type or the file name.
 */
public final class PhotoTypes {

  private static final Set<String> SNIFFED = Set.of("image/jpeg", "image/png", "image/webp");
  private static final Set<String> HEIF_BRANDS =
      Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

  private PhotoTypes() {}

  /** The image type of a photo, or empty when it is not one the form takes. */
  public static Optional<String> imageType(byte[] head) {
    String sniffed = MediaSniffer.sniff(head);
    if (SNIFFED.contains(sniffed)) {
      return Optional.of(sniffed);
    }
    if (head.length >= 12
        && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")
        && HEIF_BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1))) {
      return Optional.of("image/heic");
    }
    return Optional.empty();
  }
}
