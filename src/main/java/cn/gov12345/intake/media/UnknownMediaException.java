package cn.gov12345.intake.media;

/** A submission referenced a media id that does not exist, expired or belongs to someone else. */
public final class UnknownMediaException extends RuntimeException {

  private final String mediaId;

  public UnknownMediaException(String mediaId) {
    super("unknown media id", null, false, false);
    this.mediaId = mediaId;
  }

  /** The first id that could not be claimed (an opaque id the client itself sent). */
  public String mediaId() {
    return mediaId;
  }
}
