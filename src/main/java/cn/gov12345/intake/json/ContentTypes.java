package cn.gov12345.intake.json;

import java.util.Locale;

/** Content-Type checks of request bodies the gateway reads as UTF-8 text. */
public final class ContentTypes {

  private ContentTypes() {}

  /**
   * Whether a Content-Type header names the media type, in UTF-8 when it names a charset at all.
   */
  public static boolean isUtf8(String contentType, String mediaType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].trim().equals(mediaType)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("charset=")
          && !param.substring(8).replace("\"", "").trim().equals("utf-8")) {
        return false;
      }
    }
    return true;
  }
}
