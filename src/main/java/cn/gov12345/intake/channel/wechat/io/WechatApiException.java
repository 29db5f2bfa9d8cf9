package cn.gov12345.intake.channel.wechat.io;

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
   * The stable code for events and metrics: {@code wechat_<errcode>}, the fetch policy's refusal or
   * {@code unavailable}.
   */
  public String code() {
    if (refusal != null) {
      return refusal;
    }
    return errcode == 0 ? "unavailable" : "wechat_" + errcode;
  }
}
