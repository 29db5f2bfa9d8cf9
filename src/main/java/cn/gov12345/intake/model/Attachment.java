package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to a stored file; the bytes never travel in the stream.
 *
 * @param uri where the file is (media store URI or the sender's URL)
 * @param sha256 hex digest of the bytes, when known
 * @param size bytes, when known
 * @param mediaType sniffed media type, when known
 * @param name the original file name, when given
 * @param status {@code stored} / {@code unavailable} for media the gateway fetched itself, else
 *     null
 * @param error why a fetched medium is unavailable, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(
    String uri,
    String sha256,
    Long size,
    String mediaType,
    String name,
    String status,
    String error) {

  public static final String STORED = "stored";
  public static final String UNAVAILABLE = "unavailable";

  /** A reference as a sender gave it (no fetch status). */
  public Attachment(String uri, String sha256, Long size, String mediaType, String name) {
    this(uri, sha256, size, mediaType, name, null, null);
  }
}
