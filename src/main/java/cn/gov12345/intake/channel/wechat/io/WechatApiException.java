package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.outbound.ExchangeException;

/**
 * A failed WeChat API call: the mapped {@link WechatError} and the raw {@code errcode} (0 when the
 * failure was HTTP or the network). Stackless: these are expected outcomes, not bugs.
 */
public final class WechatApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient WechatError error;
  private final int errcode;
  private final String refusal;

  public WechatApiException(WechatError error, int errcode, String message) {
    this(error, errcode, null, message);
  }

  private WechatApiException(WechatError error, int errcode, String refusal, String message) {
    super(message, null, false, false);
    this.error = error;
    this.errcode = errcode;
    this.refusal = refusal;
  }

  /** From a WeChat {@code errcode} answer. */
  public static WechatApiException of(int errcode, String what) {
    return new WechatApiException(WechatError.of(errcode), errcode, what + ": errcode " + errcode);
  }

  /** From anything that is not a WeChat answer (HTTP status, connection error). */
  public static WechatApiException unavailable(String message) {
    return new WechatApiException(WechatError.UNAVAILABLE, 0, message);
  }

  /**
   * From a send that got no answer: {@link WechatError#UNREACHABLE} or {@link
   * WechatError#NO_ANSWER}, by the phase the exchange failed in.
   */
  public static WechatApiException of(ExchangeException e, String what) {
    return new WechatApiException(
        e.nothingSent() ? WechatError.UNREACHABLE : WechatError.NO_ANSWER,
        0,
        what + ": " + e.getMessage());
  }

  /**
   * A download the outbound fetch policy refused ({@code url_refused}, {@code redirect_refused},
   * {@code address_refused}, …): permanent, its reason is the code.
   */
  public static WechatApiException refused(String reason, String message) {
    return new WechatApiException(WechatError.REJECTED, 0, reason, message);
  }

  public WechatError error() {
    return error;
  }

  public int errcode() {
    return errcode;
  }

  /**
   * The stable code for events and metrics: {@code wechat_<errcode>}, the fetch policy's refusal,
   * {@code unreachable}, {@code no_answer} or {@code unavailable}.
   */
  public String code() {
    if (refusal != null) {
      return refusal;
    }
    if (errcode != 0) {
      return "wechat_" + errcode;
    }
    return switch (error) {
      case UNREACHABLE -> "unreachable";
      case NO_ANSWER -> "no_answer";
      default -> "unavailable";
    };
  }
}
