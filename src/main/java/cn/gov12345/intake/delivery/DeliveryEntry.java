package cn.gov12345.intake.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One tickets-stream entry on its way to one destination.
 *
 * @param partition the partition of its stream
 * @param id the stream entry id ({@code <ms>-<seq>}: the ms is when it was accepted)
 * @param type the entry's {@code type} field (null for a retry: it was routed already)
 * @param event the CloudEvent bytes exactly as in the stream (the request body)
 * @param attempts attempts made before this one
 * @param held true when it is pending in the destination's consumer group (XACK settles it), false
 *     when it comes from the retry schedule
 */
public record DeliveryEntry(
    int partition, String id, String type, Buffer event, int attempts, boolean held) {

  /** When the gateway appended it (the ms part of the entry id). */
  public long acceptedAtMillis() {
    int dash = id.indexOf('-');
    return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
  }

  /** The parsed event, or null when it is not a JSON object. */
  public JsonObject json() {
    if (event == null) {
      return null;
    }
    try {
      return new JsonObject(event);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
