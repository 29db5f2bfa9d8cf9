package cn.gov12345.intake.signals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code alert.raised.v1} / {@code alert.cleared.v1} of an early-warning series: the window that
 * ended at a step boundary, its count, the EWMA baseline and the threshold it crossed. The time of
 * the event is the end of that window; a cleared alert names the id of the one it clears.
 */
final class Alerts {

  private Alerts() {}

  static Signal of(JsonObject f, long stepMillis) {
    String series = f.getString("s");
    String window = f.getString("w");
    long raisedStep = f.getLong(f.getString("k").equals("raised") ? "step" : "raised");
    String raisedKey = "alert:" + series + "|" + window + "|" + raisedStep;
    long raisedEnd = (raisedStep + 1) * stepMillis;
    long end = (f.getLong("step") + 1) * stepMillis;
    long length = Duration.parse(window).toMillis();
    String[] parts = series.split("\\|", 2);
    JsonObject data = new JsonObject().put("alertId", SignalEvents.id(raisedKey, raisedEnd));
    if (parts[0].startsWith("keyword:")) {
      data.put("keyword", parts[0].substring("keyword:".length()));
    } else {
      data.put("category", parts[0]);
    }
    if (!"-".equals(parts[1])) {
      data.put("regionCode", parts[1]);
      data.put("location", new JsonObject().put("regionCode", parts[1]));
    }
    data.put("window", window)
        .put("windowStart", Instant.ofEpochMilli(end - length).toString())
        .put("windowEnd", Instant.ofEpochMilli(end).toString())
        .put("count", f.getLong("count"))
        .put("baseline", round(f.getDouble("base")))
        .put("threshold", round(f.getDouble("thr")));
    if (f.getString("k").equals("raised")) {
      return new Signal(
          raisedKey, SignalEvents.envelope(SignalTypes.ALERT_RAISED, raisedKey, null, end, data));
    }
    data.put("raisedAt", Instant.ofEpochMilli(raisedEnd).toString());
    String key = "cleared:" + raisedKey;
    return new Signal(key, SignalEvents.envelope(SignalTypes.ALERT_CLEARED, key, null, end, data));
  }

  private static double round(Double d) {
    return d == null ? 0 : Math.round(d * 1000) / 1000.0;
  }
}
