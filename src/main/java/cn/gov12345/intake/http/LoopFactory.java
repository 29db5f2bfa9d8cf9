package cn.gov12345.intake.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Builds what one event loop serves with (its pipelined Redis connection, store and pipeline), on
 * that loop: the wiring knows how, the public verticle only asks.
 */
@FunctionalInterface
public interface LoopFactory {

  /** An event loop's parts and how to close them. */
  record Opened(Loop loop, Supplier<Future<?>> close) {}

  Opened open(Vertx vertx);
}
