package cn.gov12345.intake.channel.telephony;

/**
 * The caller as one event gives them.
 *
 * @param presence whether the event named a number, said it was withheld, or did not say
 * @param raw the number as sent (personal data: sealed, never logged), or null
 * @param e164 the normalized number, or null when withheld, absent or not a phone number
 */
public record CallerNumber(Presence presence, String raw, String e164) {

  /** How the event speaks of the caller. */
  public enum Presence {
    NUMBER,
    WITHHELD,
    ABSENT
  }

  public static final CallerNumber ABSENT = new CallerNumber(Presence.ABSENT, null, null);
  public static final CallerNumber WITHHELD = new CallerNumber(Presence.WITHHELD, null, null);

  @Override
  public String toString() {
    return "CallerNumber[" + presence + ", normalized=" + (e164 != null) + "]";
  }
}
