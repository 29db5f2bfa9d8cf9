package cn.gov12345.intake.support;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The events about one ticket on every partition's tickets stream of a test gateway. */
public final class TicketStream {

  private TicketStream() {}

  /** Events of one type about one ticket (subject = the ticket id), oldest first per partition. */
  public static List<JsonObject> all(TestGateway gateway, String ticketId, String type) {
    List<JsonObject> out = new ArrayList<>();
    for (int p = 0; p < gateway.keys().partitions(); p++) {
      for (String e : TestRedis.events(gateway.keys().tickets(p))) {
        JsonObject event = new JsonObject(e);
        if (type.equals(event.getString("type")) && ticketId.equals(event.getString("subject"))) {
          out.add(event);
        }
      }
    }
    return out;
  }

  /** The first such event, or null. */
  public static JsonObject first(TestGateway gateway, String ticketId, String type) {
    List<JsonObject> found = all(gateway, ticketId, type);
    return found.isEmpty() ? null : found.get(0);
  }
}
