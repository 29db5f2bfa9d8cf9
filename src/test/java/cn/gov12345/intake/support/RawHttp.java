package cn.gov12345.intake.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link HttpSample} to a server as raw HTTP/1.1 over a socket: the sample's request line,
 * its headers (names and values as written, {@code Host} included) and its body bytes, plus {@code
 * Connection: close} so the answer ends with the connection. No client library normalizes anything
 * on the way, so the server sees what the vendor sent.
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /** One response: status, headers by lower-case name (last value wins), body bytes. */
  public record Response(int status, Map<String, String> headers, byte[] body) {

    /** A header (any case), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  /**
   * Sends the sample to {@code 127.0.0.1:port}.
   *
   * @param replaced headers (lower-case names) whose values replace the sample's own, e.g. a CSRF
   *     token the server issued a moment ago
   */
  public static Response send(int port, HttpSample sample, Map<String, String> replaced) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head(sample, replaced).getBytes(StandardCharsets.ISO_8859_1));
      out.write(sample.body());
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("sending " + sample, e);
    }
  }

  private static String head(HttpSample sample, Map<String, String> replaced) {
    StringBuilder head = new StringBuilder();
    head.append(sample.method()).append(' ').append(sample.target()).append(" HTTP/1.1\r\n");
    for (Map.Entry<String, List<String>> header : sample.headers().entrySet()) {
      if (header.getKey().equals("connection")) {
        continue;
      }
      List<String> values =
          replaced.containsKey(header.getKey())
              ? List.of(replaced.get(header.getKey()))
              : header.getValue();
      values.forEach(v -> head.append(header.getKey()).append(": ").append(v).append("\r\n"));
    }
    if (sample.header("Content-Length") == null && sample.header("Transfer-Encoding") == null) {
      head.append("content-length: ").append(sample.body().length).append("\r\n");
    }
    return head.append("connection: close\r\n\r\n").toString();
  }

  static Response parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IOException("no complete response head in " + raw.length + " bytes");
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(chunked);
    while (true) {
      String sizeLine = line(in);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("a chunked body ends early");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    for (int i = 0; i + pattern.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    return -1;
  }
}
