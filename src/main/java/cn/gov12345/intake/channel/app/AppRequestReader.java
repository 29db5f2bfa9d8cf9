package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Reads a submission body strictly (UTF-8 only, one JSON object, no duplicate keys, bounded depth
 * and lengths) and computes its fingerprint: the SHA-256 of the canonical form (keys sorted, no
 * white space), so the same submission sent again with other formatting is the same request.
 */
final class AppRequestReader {

  /** The shared strict reader (duplicate keys, trailing tokens, depth and length limits). */
  private static final ObjectMapper MAPPER = StrictJson.mapper(8);

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private AppRequestReader() {}

  /**
   * @throws ChannelException {@code malformed_json} for bytes that are not one UTF-8 JSON object
   */
  static JsonNode read(byte[] body) {
    String text = StrictJson.text(body);
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ChannelException(
          ErrorCode.MALFORMED_JSON,
          "The body is not a valid JSON object" + StrictJson.where(e) + ".");
    }
    if (node == null || !node.isObject()) {
      throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body must be a JSON object.");
    }
    return node;
  }

  /** Base64url SHA-256 of the canonical JSON of a body. */
  static String fingerprint(JsonNode body) {
    try {
      Object plain = CANONICAL.treeToValue(body, Object.class);
      return sha256(CANONICAL.writeValueAsBytes(plain));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serializes", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
