package cn.gov12345.intake.status;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A status report from a downstream system, validated: {@code
 * {"ticketId":"…","status":"dispatched","department":"…","note":"…","reply":"…","at":"…",
 * "reopen":false}}. The body names its ticket: a Standard Webhooks signature covers the body but
 * not the path, so a signed report must carry the path's {@code ticketId} (otherwise a captured
 * report could be replayed, within the tolerance, against any other ticket). An API-key report may
 * omit it; when present it must match.
 *
 * @param status the new status (never {@code received}: that one is the gateway's)
 * @param department the department the ticket went to; required for {@code dispatched}
 * @param note a progress note the citizen sees in the lookup, or null
 * @param reply the answer to the citizen; required for {@code replied}, allowed with {@code closed}
 * @param at when it happened (the reporter's clock), not after now + tolerance
 * @param reopen true to move a ticket back (e.g. closed → in_progress after a citizen objected)
 */
public record StatusUpdate(
    TicketStatus status, String department, String note, String reply, Instant at, boolean reopen) {

  static final int MAX_DEPARTMENT = 200;
  static final int MAX_NOTE = 2000;
  static final int MAX_REPLY = 20000;

  /** The body as sent. */
  record Body(
      String ticketId,
      String status,
      String department,
      String note,
      String reply,
      String at,
      Boolean reopen) {}

  /**
   * Reads and validates a body.
   *
   * @param body the raw bytes
   * @param ticketId the ticket id of the request path
   * @param signed whether the report is authenticated by a body signature (then the body must name
   *     {@code ticketId})
   * @param now the gateway's clock
   * @param tolerance how far in the future {@code at} may be (clock skew)
   * @throws ChannelException 400 {@code malformed_json} or {@code invalid_request}
   */
  public static StatusUpdate parse(
      byte[] body, String ticketId, boolean signed, Instant now, Duration tolerance) {
    Body b = StrictJson.read(body, Body.class);
    requireTicket(b.ticketId(), ticketId, signed);
    TicketStatus status = TicketStatus.ofWire(b.status());
    if (status == null || status == TicketStatus.RECEIVED) {
      throw invalid("status must be one of dispatched, in_progress, replied, closed.");
    }
    String department = text(b.department(), "department", MAX_DEPARTMENT);
    String note = text(b.note(), "note", MAX_NOTE);
    String reply = text(b.reply(), "reply", MAX_REPLY);
    requireConsistent(status, department, reply);
    Instant at = instant(b.at(), now);
    if (at.isAfter(now.plus(tolerance))) {
      throw invalid("at lies in the future.");
    }
    return new StatusUpdate(status, department, note, reply, at, Boolean.TRUE.equals(b.reopen()));
  }

  private static void requireTicket(String named, String ticketId, boolean signed) {
    if (named == null && signed) {
      throw invalid("A signed report names its ticket: ticketId, the same as in the path.");
    }
    if (named != null && !named.equals(ticketId)) {
      throw invalid("ticketId differs from the ticket of the path.");
    }
  }

  private static void requireConsistent(TicketStatus status, String department, String reply) {
    if (status == TicketStatus.DISPATCHED && department == null) {
      throw invalid("A dispatched ticket names its department.");
    }
    if (status == TicketStatus.REPLIED && reply == null) {
      throw invalid("A replied ticket carries the reply text.");
    }
    if (reply != null && status != TicketStatus.REPLIED && status != TicketStatus.CLOSED) {
      throw invalid("reply goes with status replied or closed.");
    }
  }

  private static String text(String value, String field, int max) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      return null;
    }
    if (stripped.codePointCount(0, stripped.length()) > max) {
      throw invalid(field + " is longer than " + max + " characters.");
    }
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
        throw invalid(field + " contains control characters.");
      }
    }
    return stripped;
  }

  private static Instant instant(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return now;
    }
    try {
      return java.time.OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid("at must be an RFC 3339 time such as 2026-11-26T08:00:00Z.");
    }
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_REQUEST, message);
  }
}
