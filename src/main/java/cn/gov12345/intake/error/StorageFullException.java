package cn.gov12345.intake.error;

/**
 * The data volume is under its free-space reserve: an upload is refused before its first byte (507
 * with {@code Retry-After}); the sender may retry later.
 */
public final class StorageFullException extends IntakeException {

  private static final long serialVersionUID = 1L;

  public StorageFullException(String message) {
    super(ErrorCode.INSUFFICIENT_STORAGE, message, null);
  }
}
