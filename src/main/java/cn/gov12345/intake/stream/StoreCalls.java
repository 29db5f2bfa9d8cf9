package cn.gov12345.intake.stream;

import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * What every store script call shares: its latency is recorded, a failure means "not confirmed".
 */
public final class StoreCalls {

  private StoreCalls() {}

  /**
   * @param call the script call, already sent
   * @param started {@link System#nanoTime()} before it was sent
   * @return the mapped answer, or a {@link StoreUnavailableException} (503, the sender retries)
   */
  public static <T> Future<T> confirmed(
      Future<Response> call,
      IntakeMetrics metrics,
      String script,
      long started,
      Function<Response, T> result) {
    return call.onComplete(ar -> metrics.script(script, System.nanoTime() - started))
        .transform(
            ar ->
                ar.succeeded()
                    ? Future.succeededFuture(result.apply(ar.result()))
                    : Future.failedFuture(
                        new StoreUnavailableException(
                            "The store did not confirm the request; retry later.", ar.cause())));
  }
}
