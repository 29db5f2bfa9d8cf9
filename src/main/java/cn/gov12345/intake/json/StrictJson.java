package cn.gov12345.intake.json;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reading outside JSON strictly: UTF-8 only, one value, no duplicate or unknown keys, no type
 * coercion (12345 or true is not a text, "39.9" is not a number), bounded nesting and lengths.
 */
public final class StrictJson {

  private static final ObjectMapper API = mapper(8);

  private StrictJson() {}

  /** A strict mapper with the given nesting limit. */
  public static ObjectMapper mapper(int maxDepth) {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(64 * 1024)
                .maxNumberLength(32)
                .build());
    return mapper;
  }

  /**
   * The body as text.
   *
   * @throws ChannelException {@code malformed_json} when it is not valid UTF-8
   */
  public static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body is not valid UTF-8.");
    }
  }

  /** Where a parse error is, for the sender: {@code " (line 3, column 7)"}, or empty. */
  public static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /** A sender-chosen name, cut short and reduced to safe characters before it is echoed. */
  public static String shown(String name) {
    String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
  }

  /**
   * Reads an API request body (a JSON object) into a record.
   *
   * @throws ChannelException {@code malformed_json} when the body is not UTF-8 JSON object text,
   *     {@code invalid_request} when a field is unknown or of the wrong type
   */
  public static <T> T read(byte[] body, Class<T> type) {
    String text = utf8(body);
    try {
      T value = API.readValue(text, type);
      if (value == null) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body must be a JSON object.");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "Unknown field '" + shown(e.getPropertyName()) + "'.");
    } catch (MismatchedInputException e) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "A field has the wrong type, or the body is not an object.");
    } catch (JsonProcessingException e) {
      throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body is not well-formed JSON.");
    }
  }
}
