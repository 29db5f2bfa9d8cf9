package cn.gov12345.intake.error;

/**
 * The durable store (Redis) could not confirm the append: unreachable, timed out or the script
 * failed. The sender must retry; nothing was acknowledged (503 with {@code Retry-After}).
 */
public final class StoreUnavailableException extends IntakeException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(ErrorCode.STORE_UNAVAILABLE, message, cause);
  }
}
