package cn.gov12345.intake.support;

import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.stream.Append;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Does in tests what the accept script does to a ticket event: draw and insert its number. */
public final class TicketEvents {

  private TicketEvents() {}

  /**
   * The tracking number the accept script draws: day + 2-digit partition + 6-digit sequence + the
   * Luhn check digit (found through {@link TrackingNumbers#isValid}, not re-implemented).
   */
  public static String trackingNumber(String day, int partition, long sequence) {
    String body = TrackingNumbers.prefix(day, partition) + String.format("%06d", sequence);
    for (char check = '0'; check <= '9'; check++) {
      if (TrackingNumbers.isValid(body + check)) {
        return body + check;
      }
    }
    throw new IllegalStateException("no check digit makes " + body + " valid");
  }

  /** The complete ticket event: head + tracking number + tail, as the script writes it. */
  public static String join(Append.TicketOpening ticket, String trackingNumber) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ticket.eventHead());
    out.writeBytes(trackingNumber.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(ticket.eventTail());
    return out.toString(StandardCharsets.UTF_8);
  }
}
