package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.delivery.AttemptOutcome;
import cn.gov12345.intake.reply.SendOutcome;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/** What the SMS clients share: failures without an answer, and {@code Retry-After}. */
final class SmsOutcomes {

  private SmsOutcomes() {}

  /** No request could be had (refused, connect timeout, DNS, TLS, pool): nothing was written. */
  static SendOutcome notConnected(Throwable failure) {
    return SendOutcome.retry("", -1, "no connection to the SMS provider (" + name(failure) + ")");
  }

  /**
   * The request existed but no answer came (a timeout, a connection lost mid-exchange): the
   * provider may have taken the message, so it is never resent on this sender.
   */
  static SendOutcome noAnswer(Throwable failure) {
    return SendOutcome.unknown(
        failure instanceof TimeoutException
            ? "no answer from the SMS provider in time"
            : "the exchange with the SMS provider broke off (" + name(failure) + ")");
  }

  /**
   * A failure from a client that does not say which phase it reached: one that is plainly before
   * any request ({@link ConnectException}, unknown host, TLS handshake) is {@code RETRY}, anything
   * else {@code UNKNOWN}.
   */
  static SendOutcome ofFailure(Throwable failure) {
    if (failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof SSLHandshakeException) {
      return notConnected(failure);
    }
    return noAnswer(failure);
  }

  private static String name(Throwable failure) {
    return failure.getClass().getSimpleName();
  }

  /** Delay-seconds or an HTTP date, capped at 24 h; -1 when absent or unreadable. */
  static long retryAfterMillis(String header, Clock clock) {
    return AttemptOutcome.retryAfterMillis(header, clock);
  }
}
