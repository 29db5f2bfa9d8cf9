package cn.gov12345.intake.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Human tracking numbers (受理编号) a citizen quotes on the phone: {@code yyMMdd} (China time) +
 * 2-digit partition + a daily sequence of at least 6 digits + a Luhn check digit, e.g. {@code
 * 261125000000127}. The sequence is drawn inside the accept script, so numbers are unique across
 * replicas; the check digit catches a misheard digit.
 */
public final class TrackingNumbers {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** A day's sequence key outlives its day, so a late accept near midnight never restarts it. */
  public static final long SEQUENCE_TTL_SECONDS = 3 * 24 * 3600L;

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyMMdd").withZone(CHINA);

  private TrackingNumbers() {}

  /** The day part for an instant. */
  public static String day(Instant at) {
    Day cached = lastDay;
    long second = at.getEpochSecond();
    if (cached != null && second >= cached.fromSecond && second < cached.untilSecond) {
      return cached.text;
    }
    ZonedDateTime start = at.atZone(CHINA).truncatedTo(ChronoUnit.DAYS);
    Day day = new Day(DAY.format(at), start.toEpochSecond(), start.plusDays(1).toEpochSecond());
    lastDay = day;
    return day.text;
  }

  /** The day an accept last fell on: formatting a date per request showed in profiles. */
  private record Day(String text, long fromSecond, long untilSecond) {}

  private static volatile Day lastDay;

  /** The prefix the script extends: day + 2-digit partition. */
  public static String prefix(String day, int partition) {
    return day + (partition < 10 ? "0" : "") + partition;
  }

  /** The partition a (valid) tracking number was drawn in: its digits 7-8. */
  public static int partitionOf(String trackingNumber) {
    return (trackingNumber.charAt(6) - '0') * 10 + trackingNumber.charAt(7) - '0';
  }

  /** Whether a string is a well-formed tracking number with a correct check digit. */
  public static boolean isValid(String candidate) {
    if (candidate == null || candidate.length() < 15 || candidate.length() > 20) {
      return false;
    }
    for (int i = 0; i < candidate.length(); i++) {
      if (candidate.charAt(i) < '0' || candidate.charAt(i) > '9') {
        return false;
      }
    }
    String body = candidate.substring(0, candidate.length() - 1);
    return checkDigit(body) == candidate.charAt(candidate.length() - 1);
  }

  /**
   * The Luhn sum of a prefix's digits in their final positions, followed by a 6-digit sequence: the
   * accept script adds the sequence digits and derives the check digit without string work.
   */
  public static int prefixLuhnSum(String prefix) {
    // the sequence's 6 digits take positions 1-6 from the right, so the prefix's last digit sits
    // at position 7, which is doubled like every odd position
    return luhnSum(prefix);
  }

  /** The Luhn check digit of a digit string (same algorithm as the accept script). */
  static char checkDigit(String digits) {
    return (char) ('0' + (10 - luhnSum(digits) % 10) % 10);
  }

  /** Luhn sum, doubling the rightmost digit and every second one to its left. */
  private static int luhnSum(String digits) {
    int sum = 0;
    boolean dbl = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum;
  }
}
