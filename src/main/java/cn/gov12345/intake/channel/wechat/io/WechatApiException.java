package cn.gov12345.intake.channel.wechat.io;

/**
 * A failed WeChat API call: the mapped {@link WechatError} and the raw {@code errcode} (0 when the
 * failure was HTTP or the network). Stackless: these are expected outcomes, not bugs.
 */
public final class WechatApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient WechatError error;
  private final int errcode;

  public WechatApiException(WechatError error, int errcode, String message) {
    super(message, null, false, false);
    this.error = error;
    this.errcode = errcode;
  }

  /** From a WeChat {@code errcode} answer. */
  public static WechatApiException of(int errcode, String what) {
    return new WechatApiException(WechatError.of(errcode), errcode, what + ": errcode " + errcode);
  }

  /** From anything that is not a WeChat answer (HTTP status, connection error). */
  public static WechatApiException unavailable(String message) {
    return new WechatApiException(WechatError.UNAVAILABLE, 0, message);
  }

  public WechatError error() {
    return error;
  }

  public int errcode() {
    return errcode;
  }

  /** The stable code for events and metrics: {@code wechat_<errcode>} or {@code unavailable}. */
  public String code() {
    return errcode == 0 ? "unavailable" : "wechat_" + errcode;
  }
}
