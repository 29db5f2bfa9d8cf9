package cn.gov12345.intake.signals;

import cn.gov12345.intake.model.TrackingNumbers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tickets-stream events as the gateway writes them (schema-valid {@code ticket.opened} and {@code
 * ticket.status}), for the signal tests: ids are UUIDv7 of the event time, tracking numbers carry a
 * correct check digit.
 */
public final class SignalFixture {

  public static final double LAT = 39.9960;
  public static final double LON = 116.4700;

  private final AtomicInteger seq = new AtomicInteger();

  /** A stable 43-character pseudonym for a test citizen name. */
  public static String pseudonym(String name) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A point {@code north} meters north of the fixture's point. */
  public static double north(double meters) {
    return LAT + meters / 111_320.0;
  }

  /** A ticket.opened event at the fixture's longitude. */
  public JsonObject opened(
      Instant at, String channel, String scheme, String citizen, String text, Double lat) {
    return opened(at, channel, scheme, citizen, text, lat, LON);
  }

  /** A ticket.opened event at a point (or, with lat null, at an address of its own). */
  public JsonObject opened(
      Instant at,
      String channel,
      String scheme,
      String citizen,
      String text,
      Double lat,
      double lon) {
    int n = seq.incrementAndGet();
    String ticketId = SignalEvents.id("ticket-" + n + "-" + citizen, at.toEpochMilli());
    JsonObject location =
        new JsonObject().put("address", "朝阳区望京街道" + n + "号").put("regionCode", "110105");
    if (lat != null) {
      location.put("latitude", lat).put("longitude", lon);
    }
    JsonObject data =
        new JsonObject()
            .put("trackingNumber", tracking(at, n))
            .put("ticketId", ticketId)
            .put("openedAt", at.toString())
            .put("channel", channel)
            .put("account", "main")
            .put(
                "citizen",
                new JsonObject().put("pseudonym", pseudonym(citizen)).put("scheme", scheme))
            .put("appealType", "complaint")
            .put("text", text)
            .put("location", location)
            .put("messageIds", new JsonArray().add(SignalEvents.id("m" + n, at.toEpochMilli())));
    return envelope(
            "cn.gov12345.intake.ticket.opened.v1",
            "/channels/" + channel + "/main",
            ticketId,
            at,
            data)
        .put("partitionkey", pseudonym(citizen));
  }

  /** Adds a verified key to a ticket.opened event's citizen. */
  public static JsonObject withKey(JsonObject opened, String kind, String keyOf) {
    opened
        .getJsonObject("data")
        .getJsonObject("citizen")
        .put(
            "verifiedKeys",
            new JsonArray().add(new JsonObject().put("kind", kind).put("key", pseudonym(keyOf))));
    return opened;
  }

  /** A ticket.status closed (已办结) event of a ticket. */
  public JsonObject closed(JsonObject opened, Instant at) {
    JsonObject t = opened.getJsonObject("data");
    JsonObject data =
        new JsonObject()
            .put("trackingNumber", t.getString("trackingNumber"))
            .put("ticketId", t.getString("ticketId"))
            .put("status", "closed")
            .put("at", at.toString())
            .put("recordedAt", at.toString())
            .put("reportedBy", "crm")
            .put("channel", t.getString("channel"))
            .put("reply", "已处理完毕。");
    return envelope(
        "cn.gov12345.intake.ticket.status.v1",
        "/destinations/crm",
        t.getString("ticketId"),
        at,
        data);
  }

  private JsonObject envelope(
      String type, String source, String subject, Instant at, JsonObject data) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", SignalEvents.id(type + seq.incrementAndGet(), at.toEpochMilli()))
        .put("source", source)
        .put("type", type)
        .put("subject", subject)
        .put("time", at.toString())
        .put("datacontenttype", "application/json")
        .put("dataschema", "urn:cn-gov12345:intake:schema:" + type)
        .put("data", data);
  }

  public static String tracking(Instant at, int n) {
    String body = TrackingNumbers.prefix(TrackingNumbers.day(at), 0) + String.format("%06d", n);
    for (char d = '0'; d <= '9'; d++) {
      if (TrackingNumbers.isValid(body + d)) {
        return body + d;
      }
    }
    throw new IllegalStateException("no check digit");
  }
}
