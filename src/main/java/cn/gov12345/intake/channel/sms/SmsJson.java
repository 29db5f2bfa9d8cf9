package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a push body of inbound SMS strictly and incrementally: UTF-8, well-formed JSON, at most
 * three levels deep, and an array is counted while it is read, so a push of a million entries is
 * refused at entry {@code max + 1} without building it. Shared by both formats; what each entry
 * holds is the format's business.
 */
final class SmsJson {

  private static final ObjectMapper JSON = StrictJson.mapper(3);

  /** Reads one entry where the parser stands; what follows it is the array's business. */
  private static final ObjectReader ENTRY =
      JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SmsJson() {}

  /**
   * The entries of a push: the elements of a top-level array, or the top-level object itself when
   * {@code singleAllowed}.
   *
   * @throws ChannelException {@code malformed_json} (400), {@code too_many_messages} (413), {@code
   *     invalid_sms} (400) when the top level has the wrong shape or an entry is not an object
   */
  static List<JsonNode> entries(byte[] body, int max, boolean singleAllowed) {
    String text = StrictJson.text(body);
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      List<JsonNode> out = new ArrayList<>();
      if (first == JsonToken.START_OBJECT && singleAllowed) {
        out.add(ENTRY.readTree(parser));
      } else if (first == JsonToken.START_ARRAY) {
        readArray(parser, max, out);
      } else if (first == null) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body is empty.");
      } else {
        throw invalid(
            singleAllowed
                ? "A push is a JSON object or an array of them."
                : "An SmsUp push is a JSON array of messages.");
      }
      if (parser.nextToken() != null) {
        throw new ChannelException(
            ErrorCode.MALFORMED_JSON, "The body holds more than one JSON value.");
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new ChannelException(
          ErrorCode.MALFORMED_JSON, "The body is not well-formed JSON" + StrictJson.where(e) + ".");
    } catch (IOException e) {
      throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body could not be read as JSON.");
    }
  }

  private static void readArray(JsonParser parser, int max, List<JsonNode> out) throws IOException {
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t == null) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The JSON array is not closed.");
      }
      if (out.size() == max) {
        throw new ChannelException(
            ErrorCode.TOO_MANY_MESSAGES, "A push holds at most " + max + " messages.");
      }
      if (t != JsonToken.START_OBJECT) {
        throw invalid("Message " + out.size() + " is not a JSON object.");
      }
      out.add(ENTRY.readTree(parser));
    }
    if (out.isEmpty()) {
      throw invalid("The push holds no message.");
    }
  }

  /**
   * A text field: absent or null is null (an error when required), any other type an error, longer
   * than {@code maxLength} an error.
   */
  static String text(JsonNode entry, String field, boolean required, int maxLength, String at) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(at + " lacks " + field + ".");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(at + " has " + field + " that is not a string.");
    }
    if (value.textValue().length() > maxLength) {
      throw invalid(at + " has " + field + " longer than " + maxLength + " characters.");
    }
    return value.textValue();
  }

  static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_SMS, message);
  }
}
