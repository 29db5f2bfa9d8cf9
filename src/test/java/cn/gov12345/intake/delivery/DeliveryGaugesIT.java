package cn.gov12345.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.metrics.DeliveryGauges;
import cn.gov12345.intake.metrics.DeliveryMetrics;
import cn.gov12345.intake.redis.EmbeddedRedisServer;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery gauges sampled from a real Redis: the bundled 6.2 (no group lag: the unread entries
 * are counted) and, where the machine has one, a Redis 7 ({@code /usr/bin/redis-server}: the
 * group's lag from XINFO GROUPS).
 */
class DeliveryGaugesIT {

  static final long NOW = 2_000_000_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  static final Path REDIS_7 = Path.of(cn.gov12345.intake.support.RedisProcess.serverBinary());

  static Vertx vertx;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void onRedis62TheBacklogIsCountedAndEveryGaugeSumsThePartitions() throws Exception {
    Redis redis = Redis.createClient(vertx, TestRedis.url());
    try {
      assertSampleOfSeededState(redis, TestRedis.url(), false);
    } finally {
      redis.close();
    }
  }

  @Test
  void onRedis7TheBacklogIsTheGroupLagAndSurvivesADeletedEntry() throws Exception {
    // required like the Cluster/Sentinel topologies (.ci/run installs Debian's redis-server 7)
    assertThat(Files.isExecutable(REDIS_7))
        .as("Redis 7 at %s (apt-get install redis-server, or INTAKE_TEST_REDIS_SERVER)", REDIS_7)
        .isTrue();
    int port = EmbeddedRedisServer.freePorts(1)[0];
    Process server =
        new ProcessBuilder(
                REDIS_7.toString(), "--port", "" + port, "--save", "", "--appendonly", "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String url = "redis://127.0.0.1:" + port;
    Redis redis = Redis.createClient(vertx, url);
    try {
      awaitListening(port);
      String version = send(redis, Command.INFO, "server").toString();
      assertThat(version).contains("redis_version:7");
      assertSampleOfSeededState(redis, url, false);
      assertSampleOfSeededState(redis, url, true);
    } finally {
      redis.close();
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theManagementPortExportsTheGaugesOfEveryDestination() throws Exception {
    String yaml =
        TestDestinations.delivery(TestDestinations.destination("orders", "http://127.0.0.1:9/hook"))
            .replace("delivery:\n", "delivery:\n  gaugeInterval: 100ms\n");
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC())) {
      Eventually.await(
          Duration.ofSeconds(10),
          () ->
              assertThat(TestDestinations.get(gateway.managementUrl() + "/metrics", null).body())
                  .contains("intake_delivery_backlog{destination=\"orders\"}")
                  .contains("intake_delivery_pending{destination=\"orders\"}")
                  .contains("intake_delivery_retry_scheduled{destination=\"orders\"}")
                  .contains("intake_delivery_dead_letters{destination=\"orders\"}")
                  .contains("intake_delivery_oldest_unacked_age_seconds{destination=\"orders\"}")
                  .contains("intake_delivery_gauges_sampled_timestamp_seconds"));
    }
  }

  /**
   * Partition 0: five tickets, two read and not acknowledged; partition 1: two unread tickets, one
   * in the retry schedule (accepted 9 s ago), one dead letter. With {@code deleteOne}, one unread
   * ticket of partition 0 is XDELed (Redis 7 then no longer knows the lag).
   */
  private static void assertSampleOfSeededState(Redis redis, String url, boolean deleteOne)
      throws Exception {
    String prefix = TestRedis.freshPrefix();
    GatewayConfig config =
        TestGateway.config(
            url,
            prefix,
            TestDestinations.delivery(
                TestDestinations.destination("orders", "http://127.0.0.1:9/a"),
                TestDestinations.destination("quiet", "http://127.0.0.1:9/b")));
    StreamKeys keys = new StreamKeys(prefix, 2);
    Deliveries deliveries =
        new Deliveries(
            config.delivery(),
            new DeliveryMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
            CLOCK);
    String group = deliveries.get("orders").group();
    for (int p = 0; p < 2; p++) {
      send(redis, Command.XGROUP, "CREATE", keys.tickets(p), group, "0", "MKSTREAM");
    }
    for (int i = 5; i >= 1; i--) {
      send(redis, Command.XADD, keys.tickets(0), (NOW - i * 1000) + "-0", "event", "{}");
    }
    send(redis, Command.XADD, keys.tickets(1), (NOW - 500) + "-0", "event", "{}");
    send(redis, Command.XADD, keys.tickets(1), (NOW - 400) + "-0", "event", "{}");
    send(
        redis,
        Command.XREADGROUP,
        "GROUP",
        group,
        "w1",
        "COUNT",
        "2",
        "STREAMS",
        keys.tickets(0),
        ">");
    if (deleteOne) {
      send(redis, Command.XDEL, keys.tickets(0), (NOW - 2000) + "-0");
    }
    send(redis, Command.ZADD, keys.retrySchedule(1, "orders"), "" + NOW, (NOW - 9000) + "-0");
    send(redis, Command.XADD, keys.deadLetters(1, "orders"), "*", "event", "{}");

    DeliveryGauges gauges =
        new DeliveryGauges(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    new DeliverySampler(keys, deliveries, gauges, CLOCK, redis::send)
        .sampleOnce()
        .await(10, TimeUnit.SECONDS);

    assertThat(gauges.last("orders"))
        .isEqualTo(new DeliveryGauges.Sample(deleteOne ? 4 : 5, 2, 1, 1, 9.0));
    assertThat(gauges.last("quiet")).isEqualTo(new DeliveryGauges.Sample(0, 0, 0, 0, 0));
  }

  /** Waits until the just-started server accepts connections (a real TCP connect, no command). */
  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Redis 7 did not start on port " + port, notYet);
        }
        Thread.sleep(50);
      }
    }
  }

  private static Response send(Redis redis, Command command, String... args) throws Exception {
    Request request = Request.cmd(command);
    for (String arg : args) {
      request.arg(arg);
    }
    return redis.send(request).await(10, TimeUnit.SECONDS);
  }
}
