package cn.gov12345.intake.signals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the signal CloudEvents from the findings of {@code signals_observe.lua}. Deterministic: an
 * event's id is a UUIDv7 made of its event time and a hash of its key, and its time is an event
 * time of the tickets it is about, so a replay of the same tickets builds the same events.
 */
final class SignalEvents {

  static final String SOURCE = "/signals";

  private final long stepMillis;

  SignalEvents(long stepMillis) {
    this.stepMillis = stepMillis;
  }

  /** The signals of one observation's findings (parked keys and capped pairs make none). */
  List<Signal> of(JsonArray findings) {
    List<Signal> out = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      JsonObject f = findings.getJsonObject(i);
      Signal s =
          switch (f.getString("k", "")) {
            case "repeat" -> RepeatClues.of(f);
            case "duplicate" -> duplicate(f);
            case "link" -> link(f);
            case "raised", "cleared" -> Alerts.of(f, stepMillis);
            default -> null;
          };
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static Signal duplicate(JsonObject f) {
    JsonObject a = f.getJsonObject("a");
    JsonObject b = f.getJsonObject("b");
    boolean aFirst =
        a.getLong("t") < b.getLong("t")
            || (a.getLong("t").equals(b.getLong("t"))
                && a.getString("id").compareTo(b.getString("id")) < 0);
    JsonObject first = aFirst ? a : b;
    JsonObject second = aFirst ? b : a;
    JsonObject data =
        new JsonObject()
            .put("relation", f.getString("rel"))
            .put("category", first.getString("c"))
            .put("match", f.getString("m"));
    if (f.getValue("d") != null) {
      data.put("distanceMeters", f.getLong("d"));
    }
    data.put("tickets", new JsonArray().add(ticket(first)).add(ticket(second)));
    region(data, second);
    String key = "duplicate:" + first.getString("id") + ":" + second.getString("id");
    return new Signal(
        key,
        envelope(
            SignalTypes.DUPLICATE_SUSPECTED,
            key,
            second.getString("id"),
            second.getLong("t"),
            data));
  }

  private static Signal link(JsonObject f) {
    String a = f.getString("a");
    String b = f.getString("b");
    String first = a.compareTo(b) < 0 ? a : b;
    String second = a.compareTo(b) < 0 ? b : a;
    long t = f.getLong("t");
    JsonObject data =
        new JsonObject()
            .put("evidence", f.getString("kind"))
            .put("citizens", new JsonArray().add(first).add(second))
            .put("linkedAt", Instant.ofEpochMilli(t).toString());
    String key = "link:" + first + ":" + second;
    return new Signal(key, envelope(SignalTypes.CITIZEN_LINKED, key, null, t, data));
  }

  /** A ticket as signals name it: ids, when, on which channel. */
  static JsonObject ticket(JsonObject r) {
    return new JsonObject()
        .put("ticketId", r.getString("id"))
        .put("trackingNumber", r.getString("tn"))
        .put("openedAt", Instant.ofEpochMilli(r.getLong("t")).toString())
        .put("channel", r.getString("ch"));
  }

  /** {@code location.regionCode} of a ticket record, for delivery's region routes. */
  static void region(JsonObject data, JsonObject r) {
    if (r.getString("r") != null) {
      data.put("location", new JsonObject().put("regionCode", r.getString("r")));
    }
  }

  static JsonObject envelope(
      String type, String key, String subject, long millis, JsonObject data) {
    JsonObject e =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", id(key, millis))
            .put("source", SOURCE)
            .put("type", type);
    if (subject != null) {
      e.put("subject", subject);
    }
    return e.put("time", Instant.ofEpochMilli(millis).toString())
        .put("datacontenttype", "application/json")
        .put("dataschema", "urn:cn-gov12345:intake:schema:" + type)
        .put("data", data);
  }

  /** A UUIDv7 of the time and a hash of the key: the same signal always gets the same id. */
  static String id(String key, long millis) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    ByteBuffer b = ByteBuffer.wrap(h);
    long msb = (millis << 16) | 0x7000L | (b.getShort() & 0x0fffL);
    long lsb = (b.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
