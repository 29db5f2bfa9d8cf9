package cn.gov12345.intake.reply;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import java.util.Set;

/**
 * A department's reply, validated: {@code {"ticketId":"…","text":"…","kind":"answer","urgent":
 * false}}. As with status reports, a signed request names its ticket in the body (the signature
 * does not cover the path).
 *
 * @param text what the citizen reads (1..{@value #MAX_TEXT} characters)
 * @param kind answer, progress or request_info
 * @param urgent whether quiet hours are ignored
 */
public record ReplyBody(String text, String kind, boolean urgent) {

  static final int MAX_TEXT = 2000;
  private static final Set<String> KINDS = Set.of("answer", "progress", "request_info");

  /** The body as sent. */
  record Wire(String ticketId, String text, String kind, Boolean urgent) {}

  /**
   * @throws ChannelException 400 {@code malformed_json} or {@code invalid_request}
   */
  public static ReplyBody parse(byte[] body, String ticketId, boolean signed) {
    Wire w = StrictJson.read(body, Wire.class);
    if (w.ticketId() == null && signed) {
      throw invalid("A signed reply names its ticket: ticketId, the same as in the path.");
    }
    if (w.ticketId() != null && !w.ticketId().equals(ticketId)) {
      throw invalid("ticketId differs from the ticket of the path.");
    }
    String text = text(w.text());
    String kind = w.kind() == null ? "answer" : w.kind();
    if (!KINDS.contains(kind)) {
      throw invalid("kind must be one of answer, progress, request_info.");
    }
    return new ReplyBody(text, kind, Boolean.TRUE.equals(w.urgent()));
  }

  private static String text(String given) {
    String text = given == null ? "" : given.strip();
    if (text.isEmpty()) {
      throw invalid("text is required: what the citizen reads.");
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      throw invalid("text is longer than " + MAX_TEXT + " characters.");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
        throw invalid("text contains control characters.");
      }
    }
    return text;
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_REQUEST, message);
  }
}
