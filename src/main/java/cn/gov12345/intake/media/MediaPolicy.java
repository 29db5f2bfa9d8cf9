package cn.gov12345.intake.media;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.util.Locale;
import java.util.Map;

/**
 * Which files citizens may upload: photos (JPEG, PNG, HEIC/HEIF, WebP) up to {@code imageMaxBytes}
 * and videos (MP4, QuickTime, 3GP) up to {@code videoMaxBytes}. The type is the sniffed one; a
 * declared type or a file-name extension that names another kind of file (a PNG called {@code
 * .mp4}, an executable called {@code .jpg}) is a mismatch and refused too.
 */
public final class MediaPolicy {

  private static final String EXPECTED =
      "send a JPEG, PNG, HEIC or WebP photo or an MP4, QuickTime or 3GP video";

  /** Sniffed or declared type → family (types of one family are interchangeable). */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("image/jpeg", "jpeg"),
          Map.entry("image/jpg", "jpeg"),
          Map.entry("image/pjpeg", "jpeg"),
          Map.entry("image/png", "png"),
          Map.entry("image/heic", "heic"),
          Map.entry("image/heif", "heic"),
          Map.entry("image/webp", "webp"),
          Map.entry("video/mp4", "mp4"),
          Map.entry("video/quicktime", "mp4"),
          Map.entry("video/3gpp", "3gp"),
          Map.entry("video/3gpp2", "3gp"));

  /** File-name extension → family; other extensions are not compared. */
  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("jpg", "jpeg"),
          Map.entry("jpeg", "jpeg"),
          Map.entry("jpe", "jpeg"),
          Map.entry("jfif", "jpeg"),
          Map.entry("png", "png"),
          Map.entry("heic", "heic"),
          Map.entry("heif", "heic"),
          Map.entry("webp", "webp"),
          Map.entry("mp4", "mp4"),
          Map.entry("m4v", "mp4"),
          Map.entry("mov", "mp4"),
          Map.entry("qt", "mp4"),
          Map.entry("3gp", "3gp"),
          Map.entry("3gpp", "3gp"),
          Map.entry("3g2", "3gp"));

  private final long imageMaxBytes;
  private final long videoMaxBytes;

  public MediaPolicy(long imageMaxBytes, long videoMaxBytes) {
    this.imageMaxBytes = imageMaxBytes;
    this.videoMaxBytes = videoMaxBytes;
  }

  /** The largest file any allowed type may be (advertised as {@code Tus-Max-Size}). */
  public long maxBytes() {
    return Math.max(imageMaxBytes, videoMaxBytes);
  }

  /**
   * Checks a complete file.
   *
   * @param sniffedType from {@link MediaSniffer}
   * @param declaredType what the client said it sends (may be null)
   * @param name the client's file name (may be null)
   * @throws ChannelException {@code media_type_not_allowed}, {@code media_type_mismatch} (415) or
   *     {@code media_too_large} (413)
   */
  public void check(String sniffedType, long size, String declaredType, String name) {
    String family = checkType(sniffedType, declaredType, name);
    long limit = family.equals("mp4") || family.equals("3gp") ? videoMaxBytes : imageMaxBytes;
    if (size > limit) {
      throw new ChannelException(
          ErrorCode.MEDIA_TOO_LARGE,
          "The file has "
              + size
              + " bytes; files of type "
              + sniffedType
              + " may have "
              + limit
              + ".");
    }
  }

  /**
   * Checks the type alone (e.g. from the first bytes of an upload still arriving).
   *
   * @return the type's family
   * @throws ChannelException {@code media_type_not_allowed} or {@code media_type_mismatch} (415)
   */
  public String checkType(String sniffedType, String declaredType, String name) {
    String family = TYPES.get(sniffedType);
    if (family == null) {
      throw new ChannelException(
          ErrorCode.MEDIA_TYPE_NOT_ALLOWED,
          "The file is " + describe(sniffedType) + ", which is not accepted: " + EXPECTED + ".");
    }
    String declared = declaredFamily(declaredType);
    String named = EXTENSIONS.get(extension(name));
    if ((declared != null && !declared.equals(family))
        || (named != null && !named.equals(family))) {
      throw new ChannelException(
          ErrorCode.MEDIA_TYPE_MISMATCH,
          "The file's content is "
              + sniffedType
              + " but its name or declared type says otherwise; the file was discarded.");
    }
    return family;
  }

  /** The family of a declared type; "" for a type that names something outside the allowlist. */
  private static String declaredFamily(String declaredType) {
    if (declaredType == null || declaredType.isBlank()) {
      return null;
    }
    String type = declaredType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals(MediaSniffer.UNKNOWN)) {
      return null;
    }
    return TYPES.getOrDefault(type, "");
  }

  private static String extension(String name) {
    if (name == null) {
      return "";
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String describe(String sniffedType) {
    return sniffedType.equals(MediaSniffer.UNKNOWN) ? "of an unknown type" : sniffedType;
  }
}
