package cn.gov12345.intake.status;

import java.util.Locale;

/**
 * Where a ticket stands, in order: 已受理 → 已派单 → 办理中 → 已答复 → 已办结. Every ticket is {@link #RECEIVED}
 * from the moment its {@code ticket.opened} event is in the stream; downstream systems report the
 * rest. A report may repeat the current status (another note, a re-dispatch) or move forward,
 * skipping steps; it moves back only when it says {@code "reopen": true}.
 */
public enum TicketStatus {
  RECEIVED,
  DISPATCHED,
  IN_PROGRESS,
  REPLIED,
  CLOSED;

  /** The wire name ({@code in_progress}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of a wire name, or null when there is none. */
  public static TicketStatus ofWire(String name) {
    for (TicketStatus s : values()) {
      if (s.wire().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
