package cn.gov12345.intake.reply;

/**
 * What one send attempt came to. {@code vendorCode} is the vendor's own error code as text ({@code
 * "45015"}, {@code "isv.BUSINESS_LIMIT_CONTROL"}, an HTTP status), empty when it succeeded or the
 * vendor was not reached; {@code vendorMessageId} is the vendor's id of the sent message (Alibaba's
 * BizId, WeChat's msgid), used to match delivery receipts, or empty; {@code error} is a short
 * description without personal data (never the address, never the text).
 */
public record SendOutcome(
    Status status, String vendorCode, String vendorMessageId, long retryAfterMillis, String error) {

  /** How the reply worker goes on. */
  public enum Status {
    /** The vendor took the message: the reply is sent ({@code reply.sent}); the chain stops. */
    SENT,
    /**
     * This sender cannot reach the citizen now, for good or for this reply (WeChat 45015 window
     * closed, 45047 quota, 40003 not a follower, a template refused, a number the provider
     * blacklists): recorded as {@code reply.failed} with the vendor code, and the next sender of
     * the chain is tried at once.
     */
    NEXT,
    /**
     * The vendor was not reached or refused for a passing reason before taking the message (no
     * connection, HTTP 5xx, WeChat busy -1, provider rate limit): the same sender is retried later
     * by the delivery machinery ({@code retryAfterMillis} when the vendor said, else the schedule).
     */
    RETRY,
    /**
     * The request may have reached the vendor but no answer came (a timeout after the request was
     * written). Not repeated on this sender — the citizen must never get a message twice — and
     * recorded as {@code reply.failed} with {@code outcome_unknown}; the chain stops.
     */
    UNKNOWN
  }

  public static SendOutcome sent(String vendorMessageId) {
    return new SendOutcome(Status.SENT, "", vendorMessageId == null ? "" : vendorMessageId, -1, "");
  }

  public static SendOutcome next(String vendorCode, String error) {
    return new SendOutcome(Status.NEXT, vendorCode, "", -1, error);
  }

  public static SendOutcome retry(String vendorCode, long retryAfterMillis, String error) {
    return new SendOutcome(Status.RETRY, vendorCode, "", retryAfterMillis, error);
  }

  public static SendOutcome unknown(String error) {
    return new SendOutcome(Status.UNKNOWN, "", "", -1, error);
  }
}
