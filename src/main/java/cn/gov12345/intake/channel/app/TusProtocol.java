package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The header vocabulary of tus 1.0.0 (core, creation, termination, checksum, expiration) and the
 * parsers of its values. Every parser refuses hostile input with a typed 4xx error.
 */
public final class TusProtocol {

  public static final String VERSION = "1.0.0";
  public static final String EXTENSIONS = "creation,termination,checksum,expiration";
  public static final String CHECKSUM_ALGORITHMS = "sha1,sha256";
  public static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

  public static final String TUS_RESUMABLE = "Tus-Resumable";
  public static final String TUS_VERSION = "Tus-Version";
  public static final String TUS_EXTENSION = "Tus-Extension";
  public static final String TUS_MAX_SIZE = "Tus-Max-Size";
  public static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
  public static final String UPLOAD_OFFSET = "Upload-Offset";
  public static final String UPLOAD_LENGTH = "Upload-Length";
  public static final String UPLOAD_METADATA = "Upload-Metadata";
  public static final String UPLOAD_EXPIRES = "Upload-Expires";
  public static final String UPLOAD_CHECKSUM = "Upload-Checksum";
  public static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";

  /** Not tus: the media id of a completed upload, to reference in a submission. */
  public static final String UPLOAD_MEDIA_ID = "Upload-Media-Id";

  private static final int MAX_METADATA_CHARS = 4096;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** A checksum announced for one PATCH. */
  public record Checksum(String algorithm, byte[] expected) {

    /** A fresh digest of this algorithm. */
    public MessageDigest digest() {
      try {
        return MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-1 and SHA-256", e);
      }
    }
  }

  private TusProtocol() {}

  /** Refuses a request without {@code Tus-Resumable: 1.0.0} (412). */
  public static void requireVersion(String tusResumable) {
    if (!VERSION.equals(tusResumable)) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_TUS_VERSION,
          "This server speaks tus "
              + VERSION
              + "; send the header Tus-Resumable: "
              + VERSION
              + ".");
    }
  }

  /** A non-negative decimal header value; {@code missing_header} or 400 when not one. */
  public static long nonNegative(String name, String value) {
    String v = value == null ? "" : value.trim();
    if (v.isBlank()) {
      throw new ChannelException(ErrorCode.MISSING_HEADER, "The header " + name + " is required.");
    }
    if (v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "The header " + name + " must be a non-negative integer.");
    }
    return Long.parseLong(v);
  }

  /**
   * Parses {@code Upload-Metadata}: comma-separated {@code key base64value} pairs (the value may be
   * absent), keys unique.
   */
  public static Map<String, String> metadata(String header) {
    Map<String, String> out = new HashMap<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    if (header.length() > MAX_METADATA_CHARS) {
      throw invalidMetadata("is longer than " + MAX_METADATA_CHARS + " characters");
    }
    for (String pair : header.split(",", -1)) {
      String[] kv = pair.trim().split(" ", -1);
      if (kv.length > 2 || !KEY.matcher(kv[0]).matches() || out.containsKey(kv[0])) {
        throw invalidMetadata("must be unique keys, each with an optional Base64 value");
      }
      out.put(kv[0], kv.length == 2 ? decode(kv[1]) : "");
    }
    return out;
  }

  /** Parses {@code Upload-Checksum: <algorithm> <base64>}; null when absent. */
  public static Checksum checksum(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String[] parts = header.trim().split(" ", -1);
    String algorithm = parts[0].toLowerCase(Locale.ROOT);
    if (!algorithm.equals("sha1") && !algorithm.equals("sha256")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_CHECKSUM,
          "Upload-Checksum algorithms are " + CHECKSUM_ALGORITHMS + ".");
    }
    byte[] expected;
    try {
      expected = parts.length == 2 ? Base64.getDecoder().decode(parts[1]) : new byte[0];
    } catch (IllegalArgumentException e) {
      expected = new byte[0];
    }
    if (expected.length != (algorithm.equals("sha1") ? 20 : 32)) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "Upload-Checksum must be '<algorithm> <Base64 digest>'.");
    }
    return new Checksum(algorithm, expected);
  }

  private static String decode(String value) {
    try {
      byte[] bytes = Base64.getDecoder().decode(value);
      var decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT);
      return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      throw invalidMetadata("values must be Base64 of UTF-8 text");
    }
  }

  private static ChannelException invalidMetadata(String why) {
    return new ChannelException(ErrorCode.INVALID_REQUEST, "Upload-Metadata " + why + ".");
  }
}
