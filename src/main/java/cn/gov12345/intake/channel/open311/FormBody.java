package cn.gov12345.intake.channel.open311;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body (or query string), decoded strictly: every
 * percent escape well-formed, the bytes valid UTF-8, at most {@value #MAX_FIELDS} fields. Lenient
 * decoders replace broken bytes silently; a citizen's text must arrive as sent or not at all.
 */
public final class FormBody {

  static final int MAX_FIELDS = 64;
  private static final int MAX_NAME = 64;

  private final Map<String, List<String>> fields;

  private FormBody(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  /**
   * @throws ChannelException 400 {@code invalid_request} for a broken escape, bytes that are not
   *     UTF-8, too many fields or an overlong field name
   */
  public static FormBody parse(byte[] body) {
    return parse(new String(body, StandardCharsets.ISO_8859_1));
  }

  /** Parses a form or query string given as Latin-1 text (one char per byte). */
  public static FormBody parse(String raw) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    int count = 0;
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++count > MAX_FIELDS) {
        throw invalid("The form has more than " + MAX_FIELDS + " fields.");
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.isEmpty() || name.length() > MAX_NAME) {
        throw invalid("A form field name is empty or longer than " + MAX_NAME + " characters.");
      }
      fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return new FormBody(fields);
  }

  /**
   * The one value of a field, stripped; null when absent or blank.
   *
   * @throws ChannelException 400 when the field is given twice
   */
  public String single(String name) {
    List<String> values = fields.get(name);
    if (values == null) {
      return null;
    }
    if (values.size() > 1) {
      throw invalid(name + " is given more than once.");
    }
    String v = values.get(0).strip();
    return v.isEmpty() ? null : v;
  }

  /** Every field name, in order. */
  public List<String> names() {
    return List.copyOf(fields.keySet());
  }

  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= text.length()) {
          throw invalid("A form field has a broken %-escape.");
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw invalid("A form field has a broken %-escape.");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0xFF) {
        throw invalid("A form field holds characters that are not percent-encoded.");
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid("The form is not valid UTF-8 (send it percent-encoded in UTF-8).");
    }
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_REQUEST, message);
  }
}
