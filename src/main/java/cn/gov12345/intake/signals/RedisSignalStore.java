package cn.gov12345.intake.signals;

import cn.gov12345.intake.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * The signal state of one namespace: {@code signals_observe.lua} records a source event and returns
 * its findings, {@code signals_emit.lua} appends a signal once per key.
 */
final class RedisSignalStore {

  static final LuaScript OBSERVE = LuaScript.load("signals_observe");
  static final LuaScript EMIT = LuaScript.load("signals_emit");

  private final SignalKeys keys;
  private final String rules;
  private final long retentionMillis;
  private final Function<Request, Future<Response>> sender;

  RedisSignalStore(
      SignalKeys keys,
      String rules,
      long retentionMillis,
      Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.rules = rules;
    this.retentionMillis = retentionMillis;
    this.sender = sender;
  }

  /** Records an observation; its findings (the same ones again for an event seen before). */
  Future<JsonArray> observe(JsonObject observation) {
    return OBSERVE
        .run(keys.observe(), r -> r.arg(observation.encode()).arg(rules), sender)
        .map(r -> findings(r.toString()));
  }

  /** Appends a signal unless one with its key was appended before; true when appended. */
  Future<Boolean> emit(Signal s) {
    long t = s.millis();
    return EMIT.run(
            keys.emit(),
            r ->
                r.arg(s.key())
                    .arg(s.id())
                    .arg(s.type())
                    .arg(s.event().encode())
                    .arg(t)
                    .arg(t - retentionMillis),
            sender)
        .map(r -> r.toInteger() == 1);
  }

  /** cjson writes an empty list as {@code {}}. */
  private static JsonArray findings(String json) {
    return json.startsWith("[") ? new JsonArray(json) : new JsonArray();
  }
}
