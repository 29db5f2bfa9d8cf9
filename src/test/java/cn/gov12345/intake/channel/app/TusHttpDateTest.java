package cn.gov12345.intake.channel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * {@code Upload-Expires} is an HTTP-date in the preferred IMF-fixdate format (tus 1.0.0 "Upload-
 * Expires": RFC 7231 §7.1.1.1 datetime, now RFC 9110 §5.6.7): {@code day-name "," SP day SP month
 * SP year SP time SP "GMT"} with a two-digit day.
 */
class TusHttpDateTest {

  static final String IMF_FIXDATE =
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
          + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} "
          + "[0-9]{2}:[0-9]{2}:[0-9]{2} GMT";

  @Test
  void aSingleDigitDayIsWrittenWithTwoDigitsAsImfFixdate() {
    long ms = Instant.parse("2026-12-03T08:05:09.750Z").toEpochMilli();

    assertThat(TusEndpoints.httpDate(ms)).isEqualTo("Thu, 03 Dec 2026 08:05:09 GMT");
  }

  @Test
  void theSpecsOwnExampleDateIsWrittenExactly() {
    // RFC 9110 §5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT ; IMF-fixdate"
    long ms = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

    assertThat(TusEndpoints.httpDate(ms)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @Test
  void everyDayOfAYearIsImfFixdateAndReadsBackAsTheSameSecond() {
    long start = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    for (int day = 0; day < 366; day++) {
      long ms = start + day * 86_400_000L + 3_723_000L;
      String date = TusEndpoints.httpDate(ms);
      assertThat(date).matches(IMF_FIXDATE);
      assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
          .isEqualTo(Instant.ofEpochMilli(ms));
    }
  }
}
