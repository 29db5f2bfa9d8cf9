package cn.gov12345.intake.delivery;

import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Which destinations are disabled, kept in one Redis hash (name → reason) so every replica agrees:
 * a 410 answer on one replica stops delivery on all of them within a refresh interval, and the
 * admin API's enable does the same the other way.
 */
public final class DestinationStates {

  private final StreamKeys keys;
  private final Deliveries deliveries;
  private final Function<Request, Future<Response>> sender;

  public DestinationStates(
      StreamKeys keys, Deliveries deliveries, Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.deliveries = deliveries;
    this.sender = sender;
  }

  /** Reads the disabled set from Redis into every destination's copy. */
  public Future<Void> refresh() {
    return sender
        .apply(Request.cmd(Command.HGETALL).arg(keys.disabledDestinations()))
        .map(
            r -> {
              Map<String, String> disabled = new HashMap<>();
              if (r != null) {
                r.getKeys().forEach(name -> disabled.put(name, r.get(name).toString()));
              }
              deliveries.refreshDisabled(disabled);
              return null;
            });
  }

  /** Disables a destination on every replica until it is enabled again. */
  public Future<Void> disable(Destination d, String reason) {
    d.disabledReason(reason);
    return sender
        .apply(Request.cmd(Command.HSET).arg(keys.disabledDestinations()).arg(d.name()).arg(reason))
        .mapEmpty();
  }

  /** Enables a destination on every replica. */
  public Future<Void> enable(Destination d) {
    return sender
        .apply(Request.cmd(Command.HDEL).arg(keys.disabledDestinations()).arg(d.name()))
        .onSuccess(r -> d.disabledReason(null))
        .mapEmpty();
  }
}
