package cn.gov12345.intake.pull;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.PullSseConfig;
import cn.gov12345.intake.stream.StreamKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.MultiType;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A slow client must not make the gateway read (and buffer) more for it. */
class SseStreamTest {

  final Vertx vertx = Vertx.vertx();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicBoolean full = new AtomicBoolean();
  final AtomicReference<Handler<Void>> drain = new AtomicReference<>();
  final AtomicInteger writes = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void noReadStartsWhileTheClientsWriteQueueIsFullAndReadingResumesOnDrain() throws Exception {
    full.set(true);
    SseStream stream = stream();
    vertx.getOrCreateContext().runOnContext(v -> stream.start(Cursor.origin(1)));

    Thread.sleep(300);
    assertThat(reads).as("no Redis read for a client that does not read").hasValue(0);
    assertThat(drain.get()).as("waits for the drain").isNotNull();
    assertThat(writes).as("only the retry line, not even a heartbeat").hasValue(1);

    full.set(false);
    vertx.getOrCreateContext().runOnContext(v -> drain.get().handle(null));
    Thread.sleep(200);
    assertThat(reads.get()).isPositive();
  }

  @Test
  void aClientThatKeepsUpIsPolledOnTheTimer() throws Exception {
    SseStream stream = stream();
    vertx.getOrCreateContext().runOnContext(v -> stream.start(Cursor.origin(1)));

    Thread.sleep(300);

    assertThat(reads.get()).isGreaterThan(3);
    assertThat(writes.get()).as("the retry line and heartbeats").isPositive();
  }

  private SseStream stream() {
    TicketReader reader =
        new TicketReader(
            new StreamKeys("t", 1),
            (Request r) -> {
              reads.incrementAndGet();
              return Future.<Response>succeededFuture(MultiType.EMPTY_MULTI);
            });
    Map<String, Integer> open = new ConcurrentHashMap<>();
    return new SseStream(
        vertx,
        response(),
        reader,
        new PullConsumers.Consumer("c", t -> true, new byte[32]),
        new PullSseConfig(Duration.ofMillis(20), Duration.ofMillis(50), 10, 1),
        new PullMetrics(new SimpleMeterRegistry(), open),
        "test",
        ended -> {});
  }

  @SuppressWarnings("unchecked")
  private HttpServerResponse response() {
    return (HttpServerResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServerResponse.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "writeQueueFull":
                  return full.get();
                case "closed":
                  return false;
                case "drainHandler":
                  drain.set((Handler<Void>) args[0]);
                  return proxy;
                case "write":
                  writes.incrementAndGet();
                  return Future.succeededFuture();
                default:
                  return HttpServerResponse.class.isAssignableFrom(method.getReturnType())
                      ? proxy
                      : null;
              }
            });
  }
}
