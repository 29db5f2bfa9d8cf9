package cn.gov12345.intake.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * Builds a built-in destination's {@link AttemptSender} on the delivery verticle, from its Vert.x,
 * HTTP client and Redis client (the reply worker's senders need all three).
 */
@FunctionalInterface
public interface AttemptSenderFactory {

  AttemptSender create(Vertx vertx, WebClient web, Function<Request, Future<Response>> redis);
}
