package cn.gov12345.intake.media;

/**
 * A file the media store holds.
 *
 * @param uri where it is ({@code file:…} or the configured base URL + relative path)
 * @param sha256 lower-case hex SHA-256 of the bytes (also the file's name: content-addressed)
 * @param size bytes
 * @param sniffedType the media type read from the magic bytes, never the declared one
 */
public record StoredMedia(String uri, String sha256, long size, String sniffedType) {}
