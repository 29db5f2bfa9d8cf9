package cn.gov12345.intake.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A ticket's status record as stored ({@code {prefix}:{pN}:ticket:{trackingNumber}}): ticket id,
 * when and on which channel it opened, the current status and the reported history. Holds no
 * personal data.
 *
 * @param trackingNumber the ticket's tracking number
 * @param record the stored JSON
 */
public record TicketRecord(String trackingNumber, JsonNode record) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a stored record (written by the opening scripts and {@code status.lua}). */
  public static TicketRecord parse(String trackingNumber, String json) {
    try {
      return new TicketRecord(trackingNumber, JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable status record of a ticket", e);
    }
  }

  public String ticketId() {
    return record.path("ticketId").asText();
  }

  public String channel() {
    return record.path("channel").asText();
  }

  public String account() {
    return record.path("account").asText();
  }

  public String status() {
    return record.path("status").asText();
  }

  /** The latest non-empty value of a field in the history (department, note, reply), or null. */
  public String latest(String field) {
    String found = null;
    for (JsonNode step : record.path("history")) {
      if (step.hasNonNull(field)) {
        found = step.get(field).asText();
      }
    }
    return found;
  }

  /** When the record last changed: the last step's recording time, or the opening time. */
  public String updatedAt() {
    String at = record.path("openedAt").asText();
    for (JsonNode step : record.path("history")) {
      at = step.path("recordedAt").asText(at);
    }
    return at;
  }

  public String openedAt() {
    return record.path("openedAt").asText();
  }

  /**
   * What a citizen sees: status, opening time and channel, the history from {@code received} on
   * (status, time, department, note), the latest reply, or null, and the messages sent to the
   * citizen (when, by which sender, what kind: docs/replies.md), the citizen's rating and a reopen
   * it requested (docs/survey.md). Who reported a step and its event id stay internal.
   */
  public ObjectNode lookupAnswer() {
    ObjectNode out = JSON.createObjectNode();
    out.put("trackingNumber", trackingNumber);
    out.put("status", status());
    out.put("openedAt", record.path("openedAt").asText());
    out.put("channel", record.path("channel").asText());
    ArrayNode history = out.putArray("history");
    history.addObject().put("status", "received").put("at", record.path("openedAt").asText());
    String reply = null;
    for (JsonNode step : record.path("history")) {
      ObjectNode shown = history.addObject();
      shown.put("status", step.path("status").asText()).put("at", step.path("at").asText());
      copy(step, shown, "department");
      copy(step, shown, "note");
      if (step.hasNonNull("reply")) {
        reply = step.get("reply").asText();
      }
    }
    out.put("reply", reply);
    ArrayNode replies = out.putArray("replies");
    for (JsonNode sent : record.path("replies")) {
      replies
          .addObject()
          .put("at", sent.path("at").asText())
          .put("via", sent.path("via").asText())
          .put("kind", sent.path("kind").asText());
    }
    if (record.path("rating").isObject()) {
      out.set("rating", record.get("rating").deepCopy());
    }
    if (record.path("reopenRequested").isObject()) {
      out.set("reopenRequested", record.get("reopenRequested").deepCopy());
    }
    return out;
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.put(field, from.get(field).asText());
    }
  }
}
