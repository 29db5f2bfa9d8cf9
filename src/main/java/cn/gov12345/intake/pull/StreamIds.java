package cn.gov12345.intake.pull;

import java.util.Comparator;

/** Redis stream entry ids ({@code <ms>-<seq>}) as comparable numbers. */
final class StreamIds {

  /** Orders entry ids the way Redis does. */
  static final Comparator<String> ORDER =
      Comparator.comparing(StreamIds::parse, StreamIds::compare);

  private StreamIds() {}

  /** {ms, seq} as unsigned longs, or null when the text is not an entry id. */
  static long[] parse(String id) {
    int dash = id.indexOf('-');
    if (dash <= 0 || dash == id.length() - 1) {
      return null;
    }
    try {
      return new long[] {
        Long.parseUnsignedLong(id.substring(0, dash)),
        Long.parseUnsignedLong(id.substring(dash + 1))
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int compare(long[] a, long[] b) {
    int byTime = Long.compareUnsigned(a[0], b[0]);
    return byTime != 0 ? byTime : Long.compareUnsigned(a[1], b[1]);
  }
}
