package cn.gov12345.intake.channel.webhook;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads a submission body strictly: UTF-8 only, no duplicate keys, bounded depth, no unknown
 * fields.
 */
final class SubmissionReader {

  private static final ObjectReader READER = newReader();

  private SubmissionReader() {}

  private static ObjectReader newReader() {
    return StrictJson.mapper(16).readerFor(WebhookSubmission.class);
  }

  static WebhookSubmission read(byte[] body) {
    String text = StrictJson.text(body);
    try {
      WebhookSubmission submission = READER.readValue(text);
      if (submission == null) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body must be a JSON object.");
      }
      return submission;
    } catch (UnrecognizedPropertyException e) {
      throw new ChannelException(
          ErrorCode.INVALID_SUBMISSION,
          "Unknown field '"
              + StrictJson.shown(e.getPropertyName())
              + "'; see the webhook channel contract.");
    } catch (JsonProcessingException e) {
      throw new ChannelException(
          ErrorCode.MALFORMED_JSON,
          "The body is not a valid submission JSON object" + StrictJson.where(e) + ".");
    }
  }
}
