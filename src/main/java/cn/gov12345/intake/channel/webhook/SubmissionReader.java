package cn.gov12345.intake.channel.webhook;

import cn.gov12345.intake.channel.JsonBodies;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads a submission body strictly: UTF-8 only, no duplicate keys, bounded depth, no unknown
 * fields.
 */
final class SubmissionReader {

  private static final ObjectReader READER = newReader();

  private SubmissionReader() {}

  private static ObjectReader newReader() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    // strict types: 12345 or true is not a text, "39.9" is not a coordinate
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(64 * 1024)
                .maxNumberLength(32)
                .build());
    return mapper.readerFor(WebhookSubmission.class);
  }

  static WebhookSubmission read(byte[] body) {
    String text = JsonBodies.utf8(body);
    try {
      WebhookSubmission submission = READER.readValue(text);
      if (submission == null) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body must be a JSON object.");
      }
      return submission;
    } catch (UnrecognizedPropertyException e) {
      throw new ChannelException(
          ErrorCode.INVALID_SUBMISSION,
          "Unknown field '" + shown(e.getPropertyName()) + "'; see the webhook channel contract.");
    } catch (JsonProcessingException e) {
      throw new ChannelException(
          ErrorCode.MALFORMED_JSON,
          "The body is not a valid submission JSON object" + JsonBodies.where(e) + ".");
    }
  }

  /** A sender-chosen name, cut short and reduced to safe characters before it is echoed. */
  private static String shown(String name) {
    String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
  }
}
