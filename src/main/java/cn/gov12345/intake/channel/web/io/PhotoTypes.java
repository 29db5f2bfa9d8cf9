package cn.gov12345.intake.channel.web.io;

import cn.gov12345.intake.media.MediaSniffer;
import java.util.Map;
import java.util.Optional;

/**
 * Which photos the web form takes: JPEG, PNG, WebP and HEIC (iPhone photos), read from the bytes by
 * the media sniffer (Apache Tika), never from the declared type or the file name.
 */
public final class PhotoTypes {

  /** Sniffed type → the type recorded on the ticket. */
  private static final Map<String, String> PHOTOS =
      Map.of(
          "image/jpeg", "image/jpeg",
          "image/png", "image/png",
          "image/webp", "image/webp",
          "image/heic", "image/heic",
          "image/heif", "image/heic");

  private PhotoTypes() {}

  /** The image type of a photo, or empty when it is not one the form takes. */
  public static Optional<String> imageType(byte[] head) {
    return Optional.ofNullable(PHOTOS.get(MediaSniffer.sniff(head)));
  }
}
