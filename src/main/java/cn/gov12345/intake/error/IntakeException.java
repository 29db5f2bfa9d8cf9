package cn.gov12345.intake.error;

/**
 * The one failure family of the gateway: every expected failure carries an {@link ErrorCode} (HTTP
 * status + stable code) and a human sentence that is safe to show to the sender (it never contains
 * personal data). Instances are stackless: they describe bad input or an unavailable dependency,
 * not a bug.
 */
public sealed class IntakeException extends RuntimeException
    permits ChannelException,
        PullException,
        RateLimitedException,
        RequestRefusedException,
        StorageFullException,
        StoreUnavailableException {

  private static final long serialVersionUID = 1L;

  private final transient ErrorCode errorCode;

  protected IntakeException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause, false, false);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }
}
