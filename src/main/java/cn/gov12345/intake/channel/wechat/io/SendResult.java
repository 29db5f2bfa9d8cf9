package cn.gov12345.intake.channel.wechat.io;

/**
 * What became of a customer-service message.
 *
 * @param outcome the typed outcome
 * @param errcode WeChat's errcode (0 when sent, or when WeChat was not reached)
 */
public record SendResult(Outcome outcome, int errcode) {

  /** The outcomes a caller acts on differently. */
  public enum Outcome {
    /** Delivered to WeChat (errcode 0). */
    SENT,
    /** 45015: the citizen wrote last more than 48 h ago; only a template message may reach them. */
    REPLY_WINDOW_CLOSED,
    /** 45047 / 45009: quota exceeded; try later. */
    QUOTA_EXCEEDED,
    /** 40003: the openid is not a follower of this account. */
    INVALID_OPENID,
    /** The token was refused even after a refresh, WeChat busy, HTTP or network failure. */
    UNAVAILABLE,
    /** Any other errcode (content refused, API not authorized, …). */
    REJECTED
  }

  public static SendResult sent() {
    return new SendResult(Outcome.SENT, 0);
  }

  /** Maps a failed call. */
  public static SendResult of(Throwable failure) {
    if (!(failure instanceof WechatApiException e)) {
      return new SendResult(Outcome.UNAVAILABLE, 0);
    }
    Outcome outcome =
        switch (e.error()) {
          case REPLY_WINDOW_CLOSED -> Outcome.REPLY_WINDOW_CLOSED;
          case QUOTA_EXCEEDED -> Outcome.QUOTA_EXCEEDED;
          case INVALID_OPENID -> Outcome.INVALID_OPENID;
          case TOKEN_INVALID, UNAVAILABLE -> Outcome.UNAVAILABLE;
          default -> Outcome.REJECTED;
        };
    return new SendResult(outcome, e.errcode());
  }
}
