package cn.gov12345.intake.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.signals.SignalTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a stream event the way a downstream consumer sees it: a CloudEvents 1.0 structured JSON
 * event (parsed with the CloudEvents SDK) whose {@code data} validates against the JSON Schema of
 * its {@code type} under {@code src/main/resources/schema/}. Integration tests call {@link
 * #assertValid} on events read back from Redis.
 */
public final class EventSchemas {

  /** Every envelope attribute the gateway writes; anything else is an error. */
  public static final Set<String> ENVELOPE =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "subject",
          "time",
          "datacontenttype",
          "dataschema",
          "partitionkey",
          "data");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private EventSchemas() {}

  /** Asserts the envelope, the {@code data} schema, and that the CloudEvents SDK reads it. */
  public static void assertValid(String eventJson) {
    JsonNode event = read(eventJson);
    assertEnvelope(event);
    String type = event.path("type").asText();
    assertThat(dataErrors(type, event.get("data")))
        .as("schema errors of %s data in %s", type, eventJson)
        .isEmpty();
    assertReadableByTheSdk(eventJson, event);
  }

  /** The schema violations of a {@code data} object of a type (empty when valid). */
  public static Set<ValidationMessage> dataErrors(String type, JsonNode data) {
    return schema(type).validate(data);
  }

  /** The classpath resource holding the schema of a type, e.g. {@code schema/….json}. */
  public static String resource(String type) {
    return "schema/" + EventTypes.schemaFile(type);
  }

  /** The schema document of a type as JSON. */
  public static JsonNode document(String type) {
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource(type))) {
      if (in == null) {
        return fail("no schema on the classpath at " + resource(type));
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text; fails the test when it is not JSON. */
  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return fail("not JSON: " + json, e);
    }
  }

  private static JsonSchema schema(String type) {
    return SCHEMAS.computeIfAbsent(
        type, t -> FACTORY.getSchema(SchemaLocation.of("classpath:" + resource(t)), CONFIG));
  }

  private static void assertEnvelope(JsonNode event) {
    assertThat(event.isObject()).as("an event is a JSON object").isTrue();
    assertThat(event.fieldNames()).toIterable().isSubsetOf(ENVELOPE);
    String type = event.path("type").asText();
    assertThat(type)
        .isIn(
            EventTypes.MESSAGE_RECEIVED,
            EventTypes.TICKET_OPENED,
            EventTypes.TICKET_APPENDED,
            EventTypes.TICKET_STATUS,
            EventTypes.REPLY_REQUESTED,
            EventTypes.REPLY_SENT,
            EventTypes.REPLY_FAILED,
            EventTypes.REPLY_DELIVERED,
            EventTypes.CALLBACK_REQUESTED,
            EventTypes.TICKET_RATED,
            EventTypes.TICKET_REOPEN_REQUESTED,
            SignalTypes.CITIZEN_LINKED,
            SignalTypes.SUPERVISION_CLUE,
            SignalTypes.DUPLICATE_SUSPECTED,
            SignalTypes.ALERT_RAISED,
            SignalTypes.ALERT_CLEARED);
    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(event.path("dataschema").asText())
        .as("dataschema names the schema by its $id")
        .isEqualTo(document(type).path("$id").asText());
    JsonNode data = event.path("data");
    if (type.equals(EventTypes.TICKET_STATUS)) {
      assertStatusEnvelope(event, data);
      return;
    }
    if (event.path("source").asText().equals("/signals")) {
      assertSignalEnvelope(event, data);
      return;
    }
    if (Set.of("/replies", "/survey").contains(event.path("source").asText())) {
      assertThat(event.path("subject")).isEqualTo(data.path("ticketId"));
      assertThat(TrackingNumbers.isValid(data.path("trackingNumber").asText())).isTrue();
      return;
    }
    String channel = data.path("channel").asText();
    assertThat(event.path("source").asText())
        .isEqualTo("/channels/" + channel + "/" + data.path("account").asText());
    assertThat(event.path("partitionkey").asText())
        .isEqualTo(data.path("citizen").path("pseudonym").asText());
    assertThat(event.path("subject")).isEqualTo(data.path("ticketId"));
    if (type.equals(EventTypes.MESSAGE_RECEIVED)) {
      assertThat(event.path("id")).isEqualTo(data.path("messageId"));
      assertThat(event.path("time")).isEqualTo(data.path("receivedAt"));
    } else {
      String at = type.equals(EventTypes.TICKET_OPENED) ? "openedAt" : "appendedAt";
      assertThat(event.path("time")).isEqualTo(data.path(at));
      assertThat(TrackingNumbers.isValid(data.path("trackingNumber").asText()))
          .as("tracking number %s has a correct check digit", data.path("trackingNumber"))
          .isTrue();
    }
  }

  /**
   * A signal is about tickets or citizens, not from one: no partition key; its time is the event
   * time of what it is about (the newer ticket, the later presentation, the window's end).
   */
  private static void assertSignalEnvelope(JsonNode event, JsonNode data) {
    assertThat(event.has("partitionkey")).isFalse();
    JsonNode newer = data.has("newTicket") ? data.path("newTicket") : data.path("tickets").path(1);
    if (!newer.isMissingNode()) {
      assertThat(event.path("subject")).isEqualTo(newer.path("ticketId"));
      assertThat(event.path("time")).isEqualTo(newer.path("openedAt"));
      assertThat(TrackingNumbers.isValid(newer.path("trackingNumber").asText())).isTrue();
    } else {
      assertThat(event.has("subject")).isFalse();
      assertThat(event.path("time"))
          .isEqualTo(data.has("linkedAt") ? data.path("linkedAt") : data.path("windowEnd"));
    }
  }

  /** A status event comes from its reporter and carries no citizen (so no partition key). */
  private static void assertStatusEnvelope(JsonNode event, JsonNode data) {
    assertThat(event.path("source").asText())
        .matches("/(destinations|consumers)/" + data.path("reportedBy").asText());
    assertThat(event.has("partitionkey")).as("a status event has no partition key").isFalse();
    assertThat(event.path("subject")).isEqualTo(data.path("ticketId"));
    assertThat(event.path("time")).isEqualTo(data.path("recordedAt"));
    assertThat(TrackingNumbers.isValid(data.path("trackingNumber").asText())).isTrue();
  }

  private static void assertReadableByTheSdk(String eventJson, JsonNode event) {
    CloudEvent parsed = new JsonFormat().deserialize(eventJson.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.getSpecVersion()).isEqualTo(io.cloudevents.SpecVersion.V1);
    assertThat(parsed.getId()).isEqualTo(event.path("id").asText());
    assertThat(parsed.getType()).isEqualTo(event.path("type").asText());
    assertThat(parsed.getSource()).hasToString(event.path("source").asText());
    assertThat(parsed.getDataSchema()).hasToString(event.path("dataschema").asText());
    assertThat(parsed.getTime().toInstant()).isEqualTo(Instant.parse(event.path("time").asText()));
    if (event.has("partitionkey")) {
      assertThat(parsed.getExtension("partitionkey"))
          .isEqualTo(event.path("partitionkey").asText());
    }
    assertThat(parsed.getData()).as("data").isNotNull();
    assertThat(read(new String(parsed.getData().toBytes(), StandardCharsets.UTF_8)))
        .isEqualTo(event.get("data"));
  }
}
