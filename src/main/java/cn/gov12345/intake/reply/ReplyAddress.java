package cn.gov12345.intake.reply;

/**
 * Where a citizen can be reached, opened from the sealed reply route for one send and held only in
 * memory. Any part may be null. Never logged: {@link #toString()} is redacted.
 *
 * @param openid the WeChat openid (of the route's account)
 * @param phone an E.164 phone number (a caller's number, an SMS sender, a number the citizen gave)
 * @param appUser the app backend's user id
 */
public record ReplyAddress(String openid, String phone, String appUser) {

  public static final ReplyAddress NONE = new ReplyAddress(null, null, null);

  public boolean isEmpty() {
    return openid == null && phone == null && appUser == null;
  }

  @Override
  public String toString() {
    return "ReplyAddress[openid="
        + (openid != null)
        + ", phone="
        + (phone != null)
        + ", appUser="
        + (appUser != null)
        + "]";
  }
}
