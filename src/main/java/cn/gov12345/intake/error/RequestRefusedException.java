package cn.gov12345.intake.error;

/**
 * An operator's request (the admin API on the management port) was refused: no or a wrong token, an
 * unknown destination, a malformed parameter (4xx).
 */
public final class RequestRefusedException extends IntakeException {

  private static final long serialVersionUID = 1L;

  public RequestRefusedException(ErrorCode errorCode, String message) {
    super(errorCode, message, null);
    if (errorCode.status() >= 500) {
      throw new IllegalArgumentException("a refused request is a client error: " + errorCode);
    }
  }
}
