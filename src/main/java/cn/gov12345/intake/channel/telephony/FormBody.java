package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} reading (the body of Twilio and Zammad-style
 * webhooks): UTF-8 only (malformed bytes or escapes are refused, never replaced), at most {@link
 * #MAX_FIELDS} fields; a repeated name keeps every value (Twilio signs them all).
 */
public final class FormBody {

  static final int MAX_FIELDS = 200;

  private FormBody() {}

  /**
   * @return values by name, in the order sent
   * @throws ChannelException 400 {@code invalid_request} on anything that is not a UTF-8 form
   */
  public static Map<String, List<String>> parse(byte[] body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (body.length == 0) {
      return out;
    }
    String[] pairs = ascii(body).split("&", -1);
    if (pairs.length > MAX_FIELDS) {
      throw refused("The form has more than " + MAX_FIELDS + " fields.");
    }
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The first value of a field, or null. */
  public static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String ascii(byte[] body) {
    for (byte b : body) {
      if (b < 0x20 || b == 0x7f) {
        throw refused("A form body is printable ASCII with percent-encoded UTF-8.");
      }
    }
    return new String(body, StandardCharsets.US_ASCII);
  }

  private static String decode(String part) {
    byte[] bytes = new byte[part.length()];
    int n = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '+') {
        bytes[n++] = ' ';
      } else if (c == '%') {
        bytes[n++] = (byte) ((hex(part, i + 1) << 4) | hex(part, i + 2));
        i += 2;
      } else {
        bytes[n++] = (byte) c;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, n))
          .toString();
    } catch (CharacterCodingException e) {
      throw refused("The form is not UTF-8.");
    }
  }

  private static int hex(String s, int at) {
    int d = at < s.length() ? Character.digit(s.charAt(at), 16) : -1;
    if (d < 0) {
      throw refused("The form has a broken percent escape.");
    }
    return d;
  }

  private static ChannelException refused(String why) {
    return new ChannelException(ErrorCode.INVALID_REQUEST, why);
  }
}
