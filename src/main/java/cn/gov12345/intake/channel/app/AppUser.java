package cn.gov12345.intake.channel.app;

/**
 * The mobile-app user a request was made by.
 *
 * @param subject the {@code sub} claim of the app's JWT (the app user id; personal data, never
 *     logged)
 * @param pseudonym the citizen pseudonym of that id, which is what the gateway stores and keys by
 */
public record AppUser(String subject, String pseudonym, String verifiedPhone) {

  /** A user without a verified phone claim. */
  public AppUser(String subject, String pseudonym) {
    this(subject, pseudonym, null);
  }

  @Override
  public String toString() {
    return "AppUser[pseudonym=" + pseudonym + ", verifiedPhone=" + (verifiedPhone != null) + "]";
  }
}
