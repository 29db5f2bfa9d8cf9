package cn.gov12345.intake.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Normalizes phone numbers to E.164 with libphonenumber, so {@code 138 0013 8000}, {@code +86
 * 138-0013-8000} and {@code 008613800138000} are one citizen.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final ShortNumberInfo SHORT = ShortNumberInfo.getInstance();

  /**
   * What telephony vendors send for a caller who withheld their number (Twilio: {@code anonymous},
   * {@code +266696687}; PBXs: {@code unknown}, {@code restricted}, {@code private}, empty).
   */
  private static final Set<String> WITHHELD =
      Set.of(
          "",
          "anonymous",
          "unknown",
          "restricted",
          "private",
          "blocked",
          "unavailable",
          "withheld",
          "+266696687",
          "266696687");

  /** Digits and the punctuation people write numbers with; letters are never keypad digits. */
  private static final java.util.regex.Pattern WRITTEN =
      java.util.regex.Pattern.compile("[0-9+\\-(). ]+");

  private final String defaultRegion;

  /**
   * @param defaultRegion region for numbers written without a country code (CN)
   */
  public PhoneNumbers(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /**
   * The E.164 form, or empty when the text is not a complete possible phone number (letters,
   * local-only lengths and other punctuation are refused, never guessed at).
   */
  public Optional<String> toE164(String text) {
    if (text == null || text.length() > 40 || !WRITTEN.matcher(text).matches()) {
      return Optional.empty();
    }
    if (isPlainChineseMobile(text)) {
      return Optional.of("+86" + text);
    }
    try {
      PhoneNumber number = UTIL.parse(text, defaultRegion);
      // valid, not just possible: a local-only length (no area code) does not name one citizen
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The common case without libphonenumber's parse (the most expensive step of an accept): eleven
   * digits of a mainland mobile number, 13x-19x, written plainly, with CN as default region.
   */
  private boolean isPlainChineseMobile(String text) {
    if (!"CN".equals(defaultRegion) || text.length() != 11 || text.charAt(0) != '1') {
      return false;
    }
    char second = text.charAt(1);
    if (second < '3' || second > '9') {
      return false;
    }
    for (int i = 2; i < 11; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A calling number as a PBX or call center reports it, in E.164: mobiles, landlines with area
   * code ({@code 010-8888 6666}, {@code 02188886666}), 400/800 service numbers, and short service
   * numbers of the default region ({@code 12345}, {@code 95588}: {@code +86} + the digits, stable
   * but not diallable from abroad). Empty for withheld numbers and anything else.
   */
  public Optional<String> callerE164(String text) {
    Optional<String> full = toE164(text);
    if (full.isPresent() || text == null || isWithheld(text)) {
      return full;
    }
    String digits = text.replaceAll("[\\s\\-().]", "");
    if (!digits.matches("\\d{3,8}")) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(digits, defaultRegion);
      // 123xx government service lines (12345, 12315, 12369 …) are missing from the short-number
      // metadata, as are some newer 95xxx numbers; they are taken when merely possible there
      boolean serviceLine = digits.matches("12\\d{3}|95\\d{3}|10\\d{3}");
      if (SHORT.isValidShortNumberForRegion(number, defaultRegion)
          || serviceLine && SHORT.isPossibleShortNumberForRegion(number, defaultRegion)) {
        return Optional.of("+" + number.getCountryCode() + digits);
      }
    } catch (NumberParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether a caller field says the number was withheld (see {@link #WITHHELD}). */
  public static boolean isWithheld(String text) {
    return text == null || WITHHELD.contains(text.trim().toLowerCase(Locale.ROOT));
  }
}
