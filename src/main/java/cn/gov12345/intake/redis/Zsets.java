package cn.gov12345.intake.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.function.Function;

/** Sorted sets used as schedules: members scored by the time (ms) they are due. */
public final class Zsets {

  private Zsets() {}

  /** Up to {@code limit} members of {@code key} due at {@code nowMs}, earliest first. */
  public static Future<List<String>> due(
      Function<Request, Future<Response>> redis, String key, long nowMs, int limit) {
    return redis
        .apply(
            Request.cmd(Command.ZRANGEBYSCORE)
                .arg(key)
                .arg("-inf")
                .arg(nowMs)
                .arg("LIMIT")
                .arg(0)
                .arg(limit))
        .map(r -> r.stream().map(Response::toString).toList());
  }
}
