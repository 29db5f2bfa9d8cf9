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

  /**
   * The body as JSON text: valid UTF-8 and no lone UTF-16 surrogate escape. Jackson decodes {@code
   * "\\ud800"} into a string without its pair, which no UTF-8 store or reader can hold; it is
   * refused here, once, for every JSON door.
   *
   * @throws ChannelException {@code malformed_json} when it is not valid UTF-8 or escapes half a
   *     surrogate pair
   */
  public static String text(byte[] body) {
    String text = utf8(body);
    for (int i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i)) {
      i = afterEscape(text, i);
    }
    return text;
  }

  /** The index after the escape at {@code i}, checking that a surrogate escape comes paired. */
  private static int afterEscape(String text, int i) {
    int unit = unicodeEscape(text, i);
    if (unit < 0) {
      return i + 2;
    }
    if (Character.isLowSurrogate((char) unit)) {
      throw loneSurrogate();
    }
    if (Character.isHighSurrogate((char) unit)) {
      int low = unicodeEscape(text, i + 6);
      if (low < 0 || !Character.isLowSurrogate((char) low)) {
        throw loneSurrogate();
      }
      return i + 12;
    }
    return i + 6;
  }

  /** The code unit of a {@code \\uXXXX} escape starting at {@code i}, or -1 if there is none. */
  private static int unicodeEscape(String text, int i) {
    if (i + 6 > text.length() || text.charAt(i) != '\\' || text.charAt(i + 1) != 'u') {
      return -1;
    }
    int unit = 0;
    for (int k = i + 2; k < i + 6; k++) {
      int digit = Character.digit(text.charAt(k), 16);
      if (digit < 0) {
        return -1;
      }
      unit = unit * 16 + digit;
    }
    return unit;
  }

  private static ChannelException loneSurrogate() {
    return new ChannelException(
        ErrorCode.MALFORMED_JSON,
        "The body escapes half of a UTF-16 surrogate pair (\\uD800-\\uDFFF without its partner);"
            + " send the character itself in UTF-8.");
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
    String text = text(body);
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
