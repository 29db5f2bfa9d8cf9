package cn.gov12345.intake.signals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * {@code supervision.clue.v1} of a repeat contact: the same (linked) citizen came back about the
 * same matter within the repeat period after the ticket's 已办结 — a possible 假办结.
 */
final class RepeatClues {

  private RepeatClues() {}

  static Signal of(JsonObject f) {
    JsonObject closed = f.getJsonObject("a");
    JsonObject again = f.getJsonObject("b");
    JsonObject closedTicket =
        SignalEvents.ticket(closed)
            .put("closedAt", Instant.ofEpochMilli(f.getLong("closedAt")).toString());
    JsonObject data =
        new JsonObject()
            .put("kind", "repeat_after_closure")
            .put("category", again.getString("c"))
            .put("match", f.getString("m"));
    if (f.getValue("d") != null) {
      data.put("distanceMeters", f.getLong("d"));
    }
    data.put("closedTicket", closedTicket).put("newTicket", SignalEvents.ticket(again));
    data.put("channel", again.getString("ch"));
    SignalEvents.region(data, again);
    String key = "repeat:" + closed.getString("id") + ":" + again.getString("id");
    return new Signal(
        key,
        SignalEvents.envelope(
            SignalTypes.SUPERVISION_CLUE, key, again.getString("id"), again.getLong("t"), data));
  }
}
