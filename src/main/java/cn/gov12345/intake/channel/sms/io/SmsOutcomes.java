package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.reply.SendOutcome;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/** What the SMS clients share: failures without an answer, and {@code Retry-After}. */
final class SmsOutcomes {

  private static final long MAX_RETRY_AFTER_MILLIS = Duration.ofHours(24).toMillis();

  private SmsOutcomes() {}

  /**
   * An attempt that got no answer. No connection (refused, connect timeout, unknown host, TLS
   * handshake) means the provider never saw the request: {@code RETRY}. Anything later (a timeout
   * waiting for the answer, a connection closed mid-exchange) may have reached it: {@code UNKNOWN},
   * never repeated, so the citizen never gets the message twice.
   */
  static SendOutcome ofFailure(Throwable failure) {
    if (failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof SSLHandshakeException) {
      return SendOutcome.retry("", -1, "no connection to the SMS provider (" + name(failure) + ")");
    }
    if (failure instanceof TimeoutException) {
      return SendOutcome.unknown("no answer from the SMS provider in time");
    }
    return SendOutcome.unknown(
        "the exchange with the SMS provider broke off (" + name(failure) + ")");
  }

  private static String name(Throwable failure) {
    return failure.getClass().getSimpleName();
  }

  /** Delay-seconds or an HTTP date, capped at 24 h; -1 when absent or unreadable. */
  static long retryAfterMillis(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      long millis =
          value.chars().allMatch(Character::isDigit)
              ? (value.length() > 9 ? MAX_RETRY_AFTER_MILLIS : Long.parseLong(value) * 1000)
              : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                      .toInstant()
                      .toEpochMilli()
                  - clock.millis();
      return Math.min(Math.max(0, millis), MAX_RETRY_AFTER_MILLIS);
    } catch (NumberFormatException | DateTimeParseException e) {
      return -1;
    }
  }
}
