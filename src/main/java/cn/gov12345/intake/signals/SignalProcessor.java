package cn.gov12345.intake.signals;

import cn.gov12345.intake.config.SignalsConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.function.Function;

/**
 * One source event through the signals: observed (atomically recorded, findings returned), then
 * each finding appended as a signal once. Safe to run again for the same event at any point: the
 * observation returns the same findings, and a signal already appended is not appended again.
 */
public final class SignalProcessor {

  private final Observations observations;
  private final SignalEvents events;
  private final RedisSignalStore store;

  public SignalProcessor(
      SignalsConfig config, SignalKeys keys, Function<Request, Future<Response>> sender) {
    this.observations = new Observations(config);
    this.events = new SignalEvents(config.alerts().step().toMillis());
    this.store =
        new RedisSignalStore(keys, Rules.of(config), config.retention().toMillis(), sender);
  }

  /**
   * Handles one event (null or not a ticket event: nothing).
   *
   * @return the signals appended now (empty when there were none, or all were appended before);
   *     fails when Redis did, leaving the event to be handled again
   */
  public Future<List<Signal>> handle(JsonObject event) {
    JsonObject o = event == null ? null : observations.of(event);
    if (o == null) {
      return Future.succeededFuture(List.of());
    }
    return store.observe(o).compose(findings -> emitAll(events.of(findings)));
  }

  private Future<List<Signal>> emitAll(List<Signal> signals) {
    Future<List<Signal>> chain = Future.succeededFuture(new java.util.ArrayList<>());
    for (Signal s : signals) {
      chain =
          chain.compose(
              done ->
                  store
                      .emit(s)
                      .map(
                          appended -> {
                            if (appended) {
                              done.add(s);
                            }
                            return done;
                          }));
    }
    return chain;
  }
}
