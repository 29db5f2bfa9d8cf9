package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.InboundRequest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * The I/O step of an endpoint whose body the door does not read ({@code Body.streamed}): a tus
 * PATCH streams the request into its staging file itself, within the limits it checked.
 */
@FunctionalInterface
public interface StreamWork<T, R> {

  /**
   * @param raw the paused request, to stream from (and to answer {@code 100 Continue} on)
   */
  Future<R> run(InboundRequest head, T read, HttpServerRequest raw);
}
