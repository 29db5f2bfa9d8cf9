package cn.gov12345.intake.channel;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What every JSON channel checks the same way: the content type, the UTF-8 bytes, the error. */
public final class JsonBodies {

  private JsonBodies() {}

  /** Whether a Content-Type is {@code application/json} with no charset or UTF-8. */
  public static boolean isJsonUtf8(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].trim().equals("application/json")) {
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

  /**
   * Decodes a body strictly as UTF-8.
   *
   * @throws ChannelException {@code malformed_json} for bytes that are not UTF-8 (GBK, Latin-1, …)
   */
  public static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body is not valid UTF-8.");
    }
  }

  /** Where a parse error is, for the sender: {@code " (line 3, column 7)"}, or empty. */
  public static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
