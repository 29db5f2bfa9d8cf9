package cn.gov12345.intake.redis;

import cn.gov12345.intake.config.Durability;
import cn.gov12345.intake.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code redis.durability: replicated} adds to a confirmed write: {@code WAIT replicas
 * timeout} on the same connection, so the ack waits until that many replicas hold everything this
 * connection wrote (docs/durability.md). Fewer replicas in time fail the call (the caller answers
 * 503); the write itself stays on the master, so a retry is answered as a duplicate.
 *
 * <p>Only for a {@link PipelinedRedis}: WAIT counts the writes of its own connection.
 */
public final class WriteBarrier {

  private WriteBarrier() {}

  /**
   * The connection's {@code send} itself, or one that sends each command together with {@code WAIT}
   * as one batch. On a Cluster a keyless WAIT sent alone goes to any master, whose answer says
   * nothing about the write; in one batch it travels with the command to the master of the
   * command's slot (the batch is routed by its keys), on the same connection.
   */
  public static Function<Request, Future<Response>> of(RedisConfig config, PipelinedRedis redis) {
    if (config.durability() != Durability.REPLICATED) {
      return redis::send;
    }
    int replicas = config.replicas();
    long timeoutMillis = config.replicationTimeout().toMillis();
    return request ->
        redis
            .batch(List.of(request, Request.cmd(Command.WAIT).arg(replicas).arg(timeoutMillis)))
            .recover(err -> Future.failedFuture(commandError(err)))
            .compose(
                answers -> {
                  int acked = answers.get(1).toInteger();
                  return acked >= replicas
                      ? Future.succeededFuture(answers.get(0))
                      : Future.failedFuture(
                          new IllegalStateException(
                              acked
                                  + " of "
                                  + replicas
                                  + " replicas confirmed the write in "
                                  + timeoutMillis
                                  + " ms"));
                });
  }

  /**
   * A failed batch reports its errors as one {@code ERR [index] <error>} (Vert.x); the command's
   * own error (index 0, e.g. NOSCRIPT, which {@link LuaScript} answers by sending the script) is
   * handed on as Redis sent it.
   */
  static Throwable commandError(Throwable err) {
    String batched = "ERR [0] ";
    if (err instanceof ErrorType e
        && e.getMessage() != null
        && e.getMessage().startsWith(batched)) {
      String first = e.getMessage().substring(batched.length());
      int end = first.indexOf(System.lineSeparator());
      return ErrorType.create(end < 0 ? first : first.substring(0, end));
    }
    return err;
  }
}
