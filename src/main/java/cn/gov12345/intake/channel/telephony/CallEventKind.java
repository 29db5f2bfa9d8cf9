package cn.gov12345.intake.channel.telephony;

import java.util.Locale;

/**
 * What one call event says happened. The first six fold into the call's state; the terminal ones
 * end it (and open its ticket); recording and transcript attach to the call's ticket.
 */
public enum CallEventKind {
  RINGING(false),
  QUEUED(false),
  ANSWERED(false),
  TRANSFERRED(false),
  /** The caller left the queue for an agent (Twilio {@code <Enqueue>} action): wait time only. */
  DEQUEUED(false),
  COMPLETED(true),
  ABANDONED(true),
  MISSED(true),
  VOICEMAIL(true),
  FAILED(true),
  RECORDING(false),
  TRANSCRIPT(false);

  private final boolean terminal;

  CallEventKind(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the event ends the call. */
  public boolean terminal() {
    return terminal;
  }

  /** The lower-case name used in Redis, the stream and the samples. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
