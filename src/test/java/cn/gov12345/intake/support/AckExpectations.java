package cn.gov12345.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares the door's answer with the {@code ack} of an expected file: {@code {"status": 202,
 * "contentType": "application/json", "body": ...}}. A JSON body (object or array) is compared with
 * {@link JsonExpectations}, so its placeholders name the same ids as the events; a text body must
 * be equal to the character.
 */
public final class AckExpectations {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AckExpectations() {}

  /** Asserts the answer is the expected ack. */
  public static void assertAck(JsonNode ack, RawHttp.Response actual, JsonExpectations json) {
    assertThat(ack.isObject())
        .as("the expected file has an ack; the door answered %s", actual)
        .isTrue();
    assertThat(actual.status())
        .as("ack status of %s", actual)
        .isEqualTo(ack.path("status").asInt());
    assertThat(actual.header("Content-Type"))
        .as("ack content type of %s", actual)
        .isEqualTo(ack.path("contentType").isNull() ? null : ack.path("contentType").asText(null));
    JsonNode body = ack.path("body");
    if (body.isContainerNode()) {
      json.assertMatches(body, parse(actual));
    } else {
      assertThat(actual.text()).as("ack body").isEqualTo(body.asText(""));
    }
  }

  /**
   * Asserts a refusal: the expected file's {@code ack} when it has one (a channel that renders
   * refusals its own way), otherwise problem+json with the expected status and code.
   */
  public static void assertRefusal(
      JsonNode expected, RawHttp.Response actual, JsonExpectations json) {
    if (expected.has("ack")) {
      assertAck(expected.path("ack"), actual, json);
      return;
    }
    assertThat(actual.status())
        .as("refusal status of %s", actual)
        .isEqualTo(expected.path("status").asInt());
    assertThat(actual.header("Content-Type"))
        .as("refusal content type of %s", actual)
        .startsWith("application/problem+json");
    JsonNode problem = parse(actual);
    assertThat(problem.path("code").asText())
        .as("refusal code of %s", actual)
        .isEqualTo(expected.path("code").asText());
    assertThat(problem.path("status").asInt()).as("problem status").isEqualTo(actual.status());
    assertThat(problem.path("detail").asText()).as("a human sentence").isNotBlank();
  }

  private static JsonNode parse(RawHttp.Response actual) {
    try {
      return JSON.readTree(actual.body());
    } catch (JsonProcessingException e) {
      throw new AssertionError("the ack body is not JSON: " + actual, e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
