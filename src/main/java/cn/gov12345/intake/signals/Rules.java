package cn.gov12345.intake.signals;

import cn.gov12345.intake.config.SignalsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The thresholds {@code signals_observe.lua} applies, from the config (ARGV[2]). */
final class Rules {

  /** A citizen's (linked group's) most recent tickets kept for the repeat rule. */
  static final int PER_CITIZEN = 50;

  private Rules() {}

  static String of(SignalsConfig c) {
    JsonArray windows = new JsonArray();
    long step = c.alerts().step().toMillis();
    for (SignalsConfig.AlertWindow w : c.alerts().windows()) {
      windows.add(
          new JsonObject()
              .put("name", w.length().toString())
              .put("steps", w.length().toMillis() / step)
              .put("floor", w.floor())
              .put("factor", w.factor()));
    }
    return new JsonObject()
        .put("radius", c.radiusMeters())
        .put("period", c.repeatPeriod().toMillis())
        .put("window", c.duplicateWindow().toMillis())
        .put("maxPairs", c.maxPairs())
        .put("perCitizen", PER_CITIZEN)
        .put("retention", c.retention().toMillis())
        .put("step", step)
        .put("alpha", c.alerts().alpha())
        .put("windows", windows)
        .encode();
  }
}
