package cn.gov12345.intake.error;

/**
 * A pull API request was refused: no or a wrong API key, a cursor this gateway did not issue, a bad
 * parameter, too many open event streams (4xx).
 */
public final class PullException extends IntakeException {

  private static final long serialVersionUID = 1L;

  public PullException(ErrorCode errorCode, String message) {
    super(errorCode, message, null);
    if (errorCode.status() >= 500) {
      throw new IllegalArgumentException("a pull exception is a client error: " + errorCode);
    }
  }
}
