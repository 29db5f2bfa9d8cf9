package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.InboundRequest;
import io.vertx.core.Future;

/**
 * The I/O step of one endpoint: what the gateway does with a read request (append it, record a call
 * event, read a status record). Fails with a typed {@code IntakeException} for the client's faults
 * and {@code StoreUnavailableException} when Redis does not confirm.
 *
 * @param <T> what the channel read from the request
 * @param <R> what the step produced (the channel renders it)
 */
@FunctionalInterface
public interface Work<T, R> {

  Future<R> run(InboundRequest request, T read);

  /** A step that does nothing (the channel answers from the request alone). */
  static <T> Work<T, T> none() {
    return (request, read) -> Future.succeededFuture(read);
  }
}
