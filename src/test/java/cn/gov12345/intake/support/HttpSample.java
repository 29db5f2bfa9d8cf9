package cn.gov12345.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One raw HTTP/1.1 request from a {@code channels/<name>/samples/*.http} file: request line, header
 * lines, an empty line, then the body bytes exactly as sent (no newline is added after them). Head
 * lines may end in CRLF (as on the wire) or LF. A {@code Content-Length} header, when present, must
 * equal the body length, so a sample cannot drift from its own body.
 *
 * @param method the request method
 * @param target the request target (path and query)
 * @param headers header values by lower-case name, in order
 * @param body the body bytes
 */
public record HttpSample(
    String method, String target, Map<String, List<String>> headers, byte[] body) {

  /** Reads and checks one sample file. */
  public static HttpSample read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses raw request bytes. */
  public static HttpSample parse(byte[] raw) {
    int headEnd = headEnd(raw);
    String head = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).stripTrailing();
    String[] lines = head.split("\r?\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
      throw new IllegalArgumentException("not a request line: " + lines[0]);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not a header line: " + lines[i]);
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers
          .computeIfAbsent(name, n -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, bodyStart(raw, headEnd), raw.length);
    HttpSample sample = new HttpSample(requestLine[0], requestLine[1], headers, body);
    String length = sample.header("Content-Length");
    if (length != null && Integer.parseInt(length) != body.length) {
      throw new IllegalArgumentException(
          "Content-Length " + length + " but the body has " + body.length + " bytes");
    }
    return sample;
  }

  /** The first value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Index of the newline that ends the last head line (the next line is empty). */
  private static int headEnd(byte[] raw) {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n' && (raw[i + 1] == '\n' || raw[i + 1] == '\r' && at(raw, i + 2) == '\n')) {
        return i;
      }
    }
    throw new IllegalArgumentException("no empty line between head and body");
  }

  private static int bodyStart(byte[] raw, int headEnd) {
    return raw[headEnd + 1] == '\n' ? headEnd + 2 : headEnd + 3;
  }

  private static int at(byte[] raw, int i) {
    return i < raw.length ? raw[i] : -1;
  }

  @Override
  public String toString() {
    return method + " " + target + " (" + body.length + " body bytes)";
  }
}
