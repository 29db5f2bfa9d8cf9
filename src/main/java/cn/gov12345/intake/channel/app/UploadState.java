package cn.gov12345.intake.channel.app;

import java.util.Map;

/**
 * One tus upload as Redis holds it.
 *
 * @param id the upload id (the last path segment of its URL)
 * @param owner the uploader's pseudonym (never the app user id)
 * @param length the announced {@code Upload-Length}
 * @param offset bytes received and staged so far
 * @param metadata the raw {@code Upload-Metadata} header, echoed on HEAD
 * @param expiresAt when an incomplete upload is deleted (ms)
 * @param mediaId set once the upload completed and was stored; null before
 */
public record UploadState(
    String id,
    String owner,
    long length,
    long offset,
    String metadata,
    long expiresAt,
    String mediaId) {

  /** Whether every byte arrived and the file was stored. */
  public boolean complete() {
    return mediaId != null;
  }

  /** The hash fields of a new upload. */
  public Map<String, String> fields() {
    return Map.of(
        "owner", owner,
        "length", Long.toString(length),
        "offset", Long.toString(offset),
        "metadata", metadata,
        "expiresAt", Long.toString(expiresAt));
  }

  /** Reads the hash fields back; null when the hash is gone. */
  public static UploadState of(String id, Map<String, String> f) {
    if (f.isEmpty() || !f.containsKey("owner")) {
      return null;
    }
    return new UploadState(
        id,
        f.get("owner"),
        Long.parseLong(f.get("length")),
        Long.parseLong(f.get("offset")),
        f.getOrDefault("metadata", ""),
        Long.parseLong(f.getOrDefault("expiresAt", "0")),
        f.get("mediaId"));
  }
}
