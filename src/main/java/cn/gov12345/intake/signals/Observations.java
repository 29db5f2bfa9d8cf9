package cn.gov12345.intake.signals;

import cn.gov12345.intake.config.SignalsConfig;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.TrackingNumbers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a tickets-stream event into what {@code signals_observe.lua} records: for {@code
 * ticket.opened}, the ticket's record (no personal data: citizen key, category, region, point,
 * address hash, tracking numbers it names), its place cells, the verified keys it presents and its
 * alert series; for {@code ticket.status}, a closure (已办结) or a reopening. Pure; every other event
 * is not observed (null).
 */
final class Observations {

  private static final Pattern TRACKING = Pattern.compile("(?<!\\d)\\d{15,20}(?!\\d)");
  private static final Pattern REGION = Pattern.compile("^\\d{6}");

  private final SignalsConfig config;
  private final Places places;

  Observations(SignalsConfig config) {
    this.config = config;
    this.places = new Places(config.radiusMeters());
  }

  /** The observation of an event, or null when signals do not look at it. */
  JsonObject of(JsonObject event) {
    String type = event.getString("type", "");
    JsonObject data = event.getJsonObject("data");
    Long time = millis(event.getString("time"));
    if (data == null || time == null || event.getString("id") == null) {
      return null;
    }
    JsonObject o = new JsonObject().put("id", event.getString("id")).put("t", time);
    if (EventTypes.TICKET_OPENED.equals(type)) {
      return ticket(o, data, time);
    }
    if (EventTypes.TICKET_STATUS.equals(type)) {
      return status(o, data);
    }
    return null;
  }

  private JsonObject status(JsonObject o, JsonObject data) {
    boolean closed = "closed".equals(data.getString("status"));
    if (!closed && !Boolean.TRUE.equals(data.getBoolean("reopened"))) {
      return null;
    }
    return o.put("ticket", data.getString("ticketId")).put("closed", closed);
  }

  private JsonObject ticket(JsonObject o, JsonObject data, long time) {
    String text = data.getString("text", "");
    String category = Categories.of(config, data, text);
    JsonObject location = data.getJsonObject("location", new JsonObject());
    String region = region(location.getString("regionCode"));
    JsonObject record =
        new JsonObject()
            .put("id", data.getString("ticketId"))
            .put("tn", data.getString("trackingNumber"))
            .put("t", time)
            .put("c", category)
            .put("p", Citizens.principal(data))
            .put("ch", data.getString("channel"))
            .put("n", named(text, data.getString("trackingNumber")));
    if (region != null) {
      record.put("r", region);
    }
    List<String> cells = new ArrayList<>();
    List<String> query = new ArrayList<>();
    Double lat = location.getDouble("latitude");
    Double lon = location.getDouble("longitude");
    if (lat != null && lon != null) {
      record.put("lat", lat).put("lon", lon);
      cells.add(category + ":" + places.cell(lat, lon));
      places.around(lat, lon).forEach(c -> query.add(category + ":" + c));
    }
    String address = Places.addressHash(location.getString("address"));
    if (address != null) {
      record.put("a", address);
      cells.add(category + ":a" + address);
      query.add(category + ":a" + address);
    }
    return o.put("record", record)
        .put("cells", new JsonArray(new ArrayList<>(cells)))
        .put("query", new JsonArray(new ArrayList<>(query)))
        .put("keys", Citizens.verifiedKeys(data))
        .put("series", Categories.series(config, category, region, text));
  }

  /** The valid tracking numbers a text names, other than the ticket's own. */
  static JsonArray named(String text, String own) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = TRACKING.matcher(text);
    while (m.find() && out.size() < 5) {
      if (TrackingNumbers.isValid(m.group()) && !m.group().equals(own)) {
        out.add(m.group());
      }
    }
    return new JsonArray(new ArrayList<>(out));
  }

  private static String region(String code) {
    if (code == null) {
      return null;
    }
    Matcher m = REGION.matcher(code);
    return m.find() ? m.group() : null;
  }

  private static Long millis(String time) {
    try {
      return time == null ? null : Instant.parse(time).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
