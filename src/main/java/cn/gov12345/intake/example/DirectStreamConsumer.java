package cn.gov12345.intake.example;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example of reading the ticket streams directly, the contract of {@code docs/streams.md}: one
 * consumer group per downstream system, created on every partition; each worker of the system is
 * one consumer of that group. Every poll first reclaims entries another (dead) worker left pending
 * longer than {@code minIdle} ({@code XAUTOCLAIM}), then reads new entries ({@code XREADGROUP …
 * >}); an entry is acknowledged ({@code XACK}) only after the handler returned, so a crash between
 * reading and handling loses nothing: the entry stays pending and is reclaimed.
 *
 * <p>Run it: {@code java -cp target/intake-gateway.jar
 * cn.gov12345.intake.example.DirectStreamConsumer redis://127.0.0.1:6379 my-system worker-1
 * [keyPrefix=intake] [partitions=1]}; it prints one line per ticket event (partition, entry id,
 * type, event id) until stopped. The blocking style (a plain thread waiting for each reply) keeps
 * the example short; it never runs on a Vert.x event loop.
 */
public final class DirectStreamConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectStreamConsumer.class);
  private static final long REPLY_SECONDS = 10;
  private static final int COUNT = 100;
  private static final long IDLE_SLEEP_MILLIS = 200;

  /** What the downstream system does with one event; throwing leaves the entry pending. */
  @FunctionalInterface
  public interface Handler {
    void handle(int partition, String entryId, String eventJson) throws Exception;
  }

  private final Vertx vertx;
  private final Redis redis;
  private final List<String> streams = new ArrayList<>();
  private final String group;
  private final String consumer;
  private final Duration minIdle;
  private final Handler handler;

  /**
   * @param redisUrl {@code redis://[:password@]host:port[/db]}
   * @param keyPrefix the gateway's {@code stream.keyPrefix}
   * @param partitions the gateway's {@code stream.partitions}
   * @param group the consumer group: one per downstream system
   * @param consumer this worker's name, unique within the group and stable across restarts
   * @param minIdle how long an entry must have been pending before another worker takes it over:
   *     longer than the handler can take
   * @param handler handles one event
   */
  public DirectStreamConsumer(
      String redisUrl,
      String keyPrefix,
      int partitions,
      String group,
      String consumer,
      Duration minIdle,
      Handler handler) {
    this.vertx = Vertx.vertx();
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
    for (int p = 0; p < partitions; p++) {
      streams.add(keyPrefix + ":{p" + p + "}:tickets");
    }
    this.group = group;
    this.consumer = consumer;
    this.minIdle = minIdle;
    this.handler = handler;
  }

  /**
   * Creates the group on every partition, starting at the oldest retained entry ({@code 0}; use
   * {@code $} to start with new entries only). MKSTREAM creates a partition's stream that has no
   * entry yet. A group that already exists is left as it is, so every worker may call this.
   */
  public void createGroups() {
    for (String stream : streams) {
      try {
        call(
            Request.cmd(Command.XGROUP)
                .arg("CREATE")
                .arg(stream)
                .arg(group)
                .arg("0")
                .arg("MKSTREAM"));
      } catch (IllegalStateException e) {
        if (!String.valueOf(e.getCause()).contains("BUSYGROUP")) {
          throw e;
        }
      }
    }
  }

  /**
   * One pass over every partition: reclaim idle entries, then read new ones.
   *
   * @return how many events the handler handled successfully
   */
  public int pollOnce() {
    int handled = 0;
    for (int p = 0; p < streams.size(); p++) {
      handled += reclaim(p);
      handled += readNew(p);
    }
    return handled;
  }

  /** XAUTOCLAIM: take over what any worker of the group left pending longer than minIdle. */
  private int reclaim(int partition) {
    int handled = 0;
    String cursor = "0-0";
    do {
      Response r =
          call(
              Request.cmd(Command.XAUTOCLAIM)
                  .arg(streams.get(partition))
                  .arg(group)
                  .arg(consumer)
                  .arg(minIdle.toMillis())
                  .arg(cursor)
                  .arg("COUNT")
                  .arg(COUNT));
      cursor = r.get(0).toString();
      for (Response entry : r.get(1)) {
        handled += deliver(partition, entry);
      }
    } while (!cursor.equals("0-0"));
    return handled;
  }

  /** XREADGROUP …&gt;: entries never delivered to any worker of the group. */
  private int readNew(int partition) {
    Response r =
        call(
            Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg(group)
                .arg(consumer)
                .arg("COUNT")
                .arg(COUNT)
                .arg("STREAMS")
                .arg(streams.get(partition))
                .arg(">"));
    int handled = 0;
    if (r != null) {
      // RESP3 answers a map {stream: entries}, RESP2 an array [[stream, entries]]
      String stream = streams.get(partition);
      Response entries = r.containsKey(stream) ? r.get(stream) : r.get(0).get(1);
      for (Response entry : entries) {
        handled += deliver(partition, entry);
      }
    }
    return handled;
  }

  /** Hands one entry to the handler; XACK only when it succeeded. */
  private int deliver(int partition, Response entry) {
    if (entry == null) {
      return 0;
    }
    String id = entry.get(0).toString();
    String event = eventOf(entry.get(1));
    try {
      if (event != null) {
        handler.handle(partition, id, event);
      }
    } catch (Exception e) {
      LOG.warn(
          "handler failed for {} {}; it stays pending: {}",
          streams.get(partition),
          id,
          e.toString());
      return 0;
    }
    call(Request.cmd(Command.XACK).arg(streams.get(partition)).arg(group).arg(id));
    return event == null ? 0 : 1;
  }

  private static String eventOf(Response fields) {
    for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
      if (fields.get(i).toString().equals("event")) {
        return fields.get(i + 1).toString();
      }
    }
    return null;
  }

  /** Polls until {@code stopped} counts down; sleeps briefly when there was nothing to do. */
  public void runUntil(CountDownLatch stopped) throws InterruptedException {
    createGroups();
    while (stopped.getCount() > 0) {
      if (pollOnce() == 0) {
        stopped.await(IDLE_SLEEP_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  private Response call(Request request) {
    Future<Response> reply =
        redis
            .send(request)
            .recover(err -> Future.failedFuture(new IllegalStateException("Redis refused", err)));
    try {
      return reply.await(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Redis did not answer within " + REPLY_SECONDS + " s", e);
    }
  }

  @Override
  public void close() {
    try {
      redis.close().compose(v -> vertx.close()).await(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Redis client did not close in time");
    }
  }

  /** {@code redis-url group consumer [keyPrefix] [partitions]}. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 3) {
      System.err.println(
          "usage: DirectStreamConsumer redis://host:port group consumer [keyPrefix] [partitions]");
      System.exit(2);
    }
    String prefix = args.length > 3 ? args[3] : "intake";
    int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(stopped, done)));
    Handler print =
        (partition, entryId, json) -> {
          JsonObject event = new JsonObject(json);
          System.out.println(
              "p"
                  + partition
                  + " "
                  + entryId
                  + " "
                  + event.getString("type")
                  + " "
                  + event.getString("id"));
        };
    try (DirectStreamConsumer c =
        new DirectStreamConsumer(
            args[0], prefix, partitions, args[1], args[2], Duration.ofMinutes(1), print)) {
      c.runUntil(stopped);
    } finally {
      done.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch stopped, CountDownLatch done) {
    stopped.countDown();
    try {
      done.await(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
