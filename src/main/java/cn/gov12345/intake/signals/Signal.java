package cn.gov12345.intake.signals;

import io.vertx.core.json.JsonObject;

/**
 * One signal ready to append.
 *
 * @param key what the signal is about (its dedup key: the same key is appended once)
 * @param event the CloudEvent
 */
public record Signal(String key, JsonObject event) {

  public String id() {
    return event.getString("id");
  }

  public String type() {
    return event.getString("type");
  }

  /** The event time in ms. */
  public long millis() {
    return java.time.Instant.parse(event.getString("time")).toEpochMilli();
  }
}
