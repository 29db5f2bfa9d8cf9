package cn.gov12345.intake.channel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel's own answer: status, headers and body, exactly as the sender expects it (WeChat {@code
 * success} or encrypted XML, Twilio TwiML, JSON, the GeoReport error array).
 */
public record Ack(int status, Map<String, String> headers, byte[] body) {

  public Ack {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as text (UTF-8). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** An answer with one content type and a UTF-8 text body. */
  public static Ack of(int status, String contentType, String body) {
    return new Ack(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON answer. */
  public static Ack json(int status, String json) {
    return of(status, "application/json", json);
  }

  /** An answer without a body. */
  public static Ack empty(int status) {
    return new Ack(status, Map.of(), new byte[0]);
  }

  /** This answer with one more header. */
  public Ack with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Ack(status, more, body);
  }
}
