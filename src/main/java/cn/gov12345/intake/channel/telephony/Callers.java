package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.identity.PhoneNumbers;

/** Turns a calling number as sent into a {@link CallerNumber} (withheld, normalized or raw). */
final class Callers {

  private final PhoneNumbers phones;

  Callers(PhoneNumbers phones) {
    this.phones = phones;
  }

  /**
   * @param raw the number field as sent; null = the event does not name the caller
   */
  CallerNumber of(String raw) {
    if (raw == null) {
      return CallerNumber.ABSENT;
    }
    if (PhoneNumbers.isWithheld(raw)) {
      return CallerNumber.WITHHELD;
    }
    String trimmed = raw.trim();
    return new CallerNumber(
        CallerNumber.Presence.NUMBER, trimmed, phones.callerE164(trimmed).orElse(null));
  }
}
