package cn.gov12345.intake.redis;

import cn.gov12345.intake.config.Durability;
import cn.gov12345.intake.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
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

  /** The sender itself, or one that waits for the configured replicas after each command. */
  public static Function<Request, Future<Response>> of(
      RedisConfig config, Function<Request, Future<Response>> sender) {
    if (config.durability() != Durability.REPLICATED) {
      return sender;
    }
    int replicas = config.replicas();
    long timeoutMillis = config.replicationTimeout().toMillis();
    return request ->
        sender
            .apply(request)
            .compose(
                answer ->
                    sender
                        .apply(Request.cmd(Command.WAIT).arg(replicas).arg(timeoutMillis))
                        .compose(
                            acked ->
                                acked.toInteger() >= replicas
                                    ? Future.succeededFuture(answer)
                                    : Future.failedFuture(
                                        new IllegalStateException(
                                            acked.toInteger()
                                                + " of "
                                                + replicas
                                                + " replicas confirmed the write in "
                                                + timeoutMillis
                                                + " ms"))));
  }
}
