package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.stream.AppendResult;

/** The store's answer to an append, as channels render it. */
public final class Appends {

  private Appends() {}

  /** A single-shot append (it opens its ticket unless it repeated one). */
  public static Accepted accepted(AppendResult result) {
    return new Accepted(
        result.messageId(),
        result.ticketId(),
        result.trackingNumber(),
        null,
        !result.duplicate(),
        result.duplicate());
  }
}
