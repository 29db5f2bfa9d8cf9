package cn.gov12345.intake.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Redis connection held by one event loop and pipelined: every command is written at once and
 * answers come back in order. Measured ~1.4x the throughput of leasing a pooled connection per
 * command. A lost connection is replaced on the next command; a command Redis does not answer
 * within the timeout fails (the caller answers 503) and the connection is replaced too.
 *
 * <p>Not thread-safe: use it only from the event loop of the verticle that created it.
 */
public final class PipelinedRedis {

  private final Redis client;
  private final long timeoutMillis;
  private final Function<RedisConnection, Future<Void>> prepare;
  private Future<RedisConnection> connection;

  public PipelinedRedis(Vertx vertx, RedisEndpoint endpoint) {
    this(vertx, endpoint, c -> Future.succeededFuture());
  }

  /**
   * @param prepare runs on every new connection before its first command (e.g. the tracking-number
   *     fence); when it fails the connection is closed and the command fails
   */
  public PipelinedRedis(
      Vertx vertx, RedisEndpoint endpoint, Function<RedisConnection, Future<Void>> prepare) {
    this.client = Redis.createClient(vertx, endpoint.dedicated());
    this.timeoutMillis = endpoint.config().commandTimeout().toMillis();
    this.prepare = prepare;
  }

  /**
   * Sends one command on the held connection.
   *
   * @return Redis's answer; fails when the connection cannot be made, is lost, Redis answers an
   *     error, or no answer arrives within the command timeout
   */
  public Future<Response> send(Request request) {
    Future<RedisConnection> held = connection();
    return dropOnLoss(
        held, held.compose(c -> c.send(request)).timeout(timeoutMillis, TimeUnit.MILLISECONDS));
  }

  /**
   * Sends commands as one batch on the held connection (on a Cluster: to the master of their one
   * slot, keyless commands travelling with them).
   *
   * @return the answers in order; fails like {@link #send}, or when any command is answered with an
   *     error
   */
  public Future<List<Response>> batch(List<Request> requests) {
    Future<RedisConnection> held = connection();
    return dropOnLoss(
        held, held.compose(c -> c.batch(requests)).timeout(timeoutMillis, TimeUnit.MILLISECONDS));
  }

  /**
   * A command that failed without an answer from Redis (timeout, connection refused or reset) drops
   * the held connection, so the next command connects afresh. A Cluster connection does not report
   * the loss of one node's connection, and keeps routing to the slots it last read: only a new one
   * reads the promoted replica's slots (Sentinel: asks the sentinels for the new master).
   */
  private <T> Future<T> dropOnLoss(Future<RedisConnection> held, Future<T> call) {
    return call.onFailure(
        err -> {
          if (!(err instanceof ErrorType) && connection == held) {
            connection = null;
            if (held.succeeded()) {
              held.result().close();
            }
          }
        });
  }

  private Future<RedisConnection> connection() {
    Future<RedisConnection> current = connection;
    if (current == null || current.failed()) {
      Future<RedisConnection> next =
          client
              .connect()
              .compose(
                  c ->
                      prepare
                          .apply(c)
                          .map(c)
                          .recover(err -> c.close().transform(closed -> Future.failedFuture(err))));
      connection = next;
      next.onSuccess(
          c -> {
            c.exceptionHandler(err -> forget(next));
            c.endHandler(v -> forget(next));
          });
      return next;
    }
    return current;
  }

  private void forget(Future<RedisConnection> lost) {
    if (connection == lost) {
      connection = null;
    }
  }

  /** Closes the connection and the client. */
  public Future<Void> close() {
    Future<RedisConnection> current = connection;
    connection = null;
    Future<Void> closed =
        current == null || !current.succeeded()
            ? Future.succeededFuture()
            : current.result().close();
    return closed.eventually(client::close);
  }
}
