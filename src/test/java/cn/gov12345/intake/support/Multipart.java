package cn.gov12345.intake.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart/form-data body (RFC 7578) the way a server does, for contract samples: parts
 * with their field name, optional file name and content type, and bytes.
 */
public final class Multipart {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  private Multipart() {}

  /** One part; {@code fileName} is null for a text field. */
  public record Part(String name, String fileName, String contentType, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The boundary of a multipart content type, or null when it is not multipart/form-data. */
  public static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    Matcher m = BOUNDARY.matcher(contentType);
    return m.find() ? m.group(1) : null;
  }

  public static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw new IllegalArgumentException("multipart body is not closed");
      }
      parts.add(part(Arrays.copyOfRange(body, start, next - 2)));
      at = next;
    }
    return parts;
  }

  private static Part part(byte[] raw) {
    int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    String head = new String(raw, 0, split, StandardCharsets.UTF_8);
    String name = null;
    String fileName = null;
    String type = null;
    for (String line : head.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-disposition:")) {
        Matcher n = NAME.matcher(line);
        name = n.find() ? n.group(1) : null;
        Matcher f = FILENAME.matcher(line);
        fileName = f.find() ? f.group(1) : null;
      } else if (lower.startsWith("content-type:")) {
        type = line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return new Part(name, fileName, type, Arrays.copyOfRange(raw, split + 4, raw.length));
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
