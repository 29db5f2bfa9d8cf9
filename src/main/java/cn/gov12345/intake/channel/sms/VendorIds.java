package cn.gov12345.intake.channel.sms;

/** Provider-given ids and codes, bounded and reduced to visible ASCII before they are kept. */
public final class VendorIds {

  private static final int MAX = 128;

  private VendorIds() {}

  /**
   * The id as given when it is 1-128 visible ASCII characters ({@code 900619746936498440^0}), else
   * with every other character replaced by {@code ?} and cut to 128.
   */
  public static String clean(String id) {
    if (id == null) {
      return "";
    }
    String cut = id.length() > MAX ? id.substring(0, MAX) : id;
    return cut.replaceAll("[^\\x21-\\x7E]", "?");
  }
}
