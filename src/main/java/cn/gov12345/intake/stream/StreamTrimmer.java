package cn.gov12345.intake.stream;

import cn.gov12345.intake.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps the streams from growing without bound, never at a consumer's expense. The retention rule:
 * an entry is removed only when it is older than {@code stream.retention} AND every consumer group
 * of that stream has acknowledged it (it is not pending, and the group's last-delivered id is at or
 * past it). A group that falls behind holds the stream back; nothing it has not acknowledged is
 * ever trimmed. Running it on every replica is harmless (the script is idempotent).
 */
public final class StreamTrimmer {

  private static final LuaScript TRIM = LuaScript.load("trim");

  private final StreamKeys keys;
  private final Duration retention;
  private final Clock clock;
  private final Function<Request, Future<Response>> sender;

  public StreamTrimmer(
      StreamKeys keys,
      Duration retention,
      Clock clock,
      Function<Request, Future<Response>> sender) {
    this.keys = keys;
    this.retention = retention;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * Trims every stream of every partition once.
   *
   * @return the number of entries removed; fails when Redis is unreachable
   */
  public Future<Long> trimOnce() {
    String cutoff = (clock.millis() - retention.toMillis()) + "-0";
    List<Future<Response>> runs = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      for (String stream : List.of(keys.messages(p), keys.tickets(p))) {
        runs.add(TRIM.run(new String[] {stream}, r -> r.arg(cutoff), sender));
      }
    }
    return Future.all(runs).map(all -> runs.stream().mapToLong(f -> f.result().toLong()).sum());
  }
}
