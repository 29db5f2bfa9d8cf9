package cn.gov12345.intake.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalizes phone numbers to E.164 with libphonenumber, so {@code 138 0013 8000}, {@code +86
 * 138-0013-8000} and {@code 008613800138000} are one citizen.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

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
}
