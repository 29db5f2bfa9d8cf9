package cn.gov12345.intake.fetch;

/**
 * An outbound fetch the {@link FetchPolicy} refused, before or between hops: nothing was (or will
 * be) stored. Stackless: an expected outcome. {@link #reason()} is a stable code for events,
 * metrics and logs; the message names the host at most, never a query string.
 */
public final class FetchRefusedException extends RuntimeException {

  /** The URL itself: scheme, userinfo, host or prefix. */
  public static final String URL = "url_refused";

  /** A redirect's target is not allowed (another host, a prefix not configured, a bad URL). */
  public static final String REDIRECT = "redirect_refused";

  /** The host resolves to a loopback, private, link-local or other non-public address. */
  public static final String ADDRESS = "address_refused";

  /** More redirects than {@code outbound.maxRedirects}. */
  public static final String TOO_MANY_REDIRECTS = "too_many_redirects";

  /** The body is larger than the fetch allows. */
  public static final String TOO_LARGE = "too_large";

  private static final long serialVersionUID = 1L;

  private final String reason;

  public FetchRefusedException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The stable code: one of the constants of this class. */
  public String reason() {
    return reason;
  }
}
