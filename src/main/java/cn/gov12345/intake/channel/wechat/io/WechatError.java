package cn.gov12345.intake.channel.wechat.io;

/** The WeChat API failures the gateway tells apart; every other errcode is {@link #REJECTED}. */
public enum WechatError {
  /** 40001, 40014, 42001: the access_token is invalid or expired; refresh and retry once. */
  TOKEN_INVALID,
  /** 40003: the openid does not follow this account. */
  INVALID_OPENID,
  /** 40007: the media id is unknown or expired (media live 3 days). */
  MEDIA_EXPIRED,
  /** 45015: the citizen's last message is older than 48 h; customer-service messages refused. */
  REPLY_WINDOW_CLOSED,
  /** 45047 (and 45009, the daily API quota): quota exceeded. */
  QUOTA_EXCEEDED,
  /** -1 (system busy), HTTP 5xx, an unreadable answer, media download trouble: retry later. */
  UNAVAILABLE,
  /** A message send that could not connect to WeChat: nothing was sent, retrying is safe. */
  UNREACHABLE,
  /**
   * A message send written to WeChat without an answer in time (time-out, connection dropped):
   * WeChat may have delivered it, so it must not be repeated.
   */
  NO_ANSWER,
  /** Any other errcode: a permanent refusal. */
  REJECTED;

  /** Maps a non-zero WeChat {@code errcode}. */
  public static WechatError of(int errcode) {
    return switch (errcode) {
      case 40001, 40014, 42001 -> TOKEN_INVALID;
      case 40003 -> INVALID_OPENID;
      case 40007 -> MEDIA_EXPIRED;
      case 45015 -> REPLY_WINDOW_CLOSED;
      case 45047, 45009 -> QUOTA_EXCEEDED;
      case -1 -> UNAVAILABLE;
      default -> REJECTED;
    };
  }

  /** True when a later attempt may succeed. */
  public boolean transientFailure() {
    return this == UNAVAILABLE
        || this == UNREACHABLE
        || this == NO_ANSWER
        || this == QUOTA_EXCEEDED
        || this == TOKEN_INVALID;
  }
}
