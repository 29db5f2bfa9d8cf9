package cn.gov12345.intake.error;

/** The sender's request was refused: bad signature, malformed body, unknown source, … (4xx). */
public final class ChannelException extends IntakeException {

  private static final long serialVersionUID = 1L;

  public ChannelException(ErrorCode errorCode, String message) {
    super(errorCode, message, null);
    if (errorCode.status() >= 500) {
      throw new IllegalArgumentException("a channel exception is a client error: " + errorCode);
    }
  }
}
