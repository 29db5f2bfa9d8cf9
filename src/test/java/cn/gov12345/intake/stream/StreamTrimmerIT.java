package cn.gov12345.intake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The retention rule: old AND acknowledged by every group, or it stays. */
@Tag("cluster")
class StreamTrimmerIT {

  Vertx vertx;
  Redis redis;
  StreamKeys keys;
  String stream;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, TestRedis.options());
    keys = new StreamKeys(TestRedis.freshPrefix(), 1);
    stream = keys.tickets(0);
    for (int i = 1; i <= 10; i++) {
      TestRedis.call(Command.XADD, stream, i + "-0", "event", "e" + i);
    }
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  long trimWithRetentionOver() throws Exception {
    Clock later = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    Future<Long> removed =
        new StreamTrimmer(keys, Duration.ofMillis(1), later, redis::send).trimOnce();
    return removed.await(10, TimeUnit.SECONDS);
  }

  @Test
  void withoutConsumerGroupsOldEntriesAreTrimmed() throws Exception {
    assertThat(trimWithRetentionOver()).isEqualTo(10);
    assertThat(TestRedis.streamLength(stream)).isZero();
  }

  @Test
  void entriesNewerThanTheRetentionStay() throws Exception {
    Clock now = Clock.fixed(Instant.ofEpochMilli(5), ZoneOffset.UTC);
    long removed =
        new StreamTrimmer(keys, Duration.ofMillis(1), now, redis::send)
            .trimOnce()
            .await(10, TimeUnit.SECONDS);

    assertThat(removed).isEqualTo(3);
    assertThat(TestRedis.streamLength(stream)).isEqualTo(7);
  }

  @Test
  void anEntryAGroupHasNotAcknowledgedIsNeverTrimmed() throws Exception {
    TestRedis.call(Command.XGROUP, "CREATE", stream, "slow", "0");
    Response read =
        TestRedis.call(
            Command.XREADGROUP, "GROUP", "slow", "w1", "COUNT", "6", "STREAMS", stream, ">");
    assertThat(read.get(stream).size()).isEqualTo(6);
    TestRedis.call(Command.XACK, stream, "slow", "1-0", "2-0", "3-0", "5-0");

    trimWithRetentionOver();

    assertThat(firstId()).isEqualTo("4-0");
    assertThat(TestRedis.streamLength(stream)).isEqualTo(7);
  }

  @Test
  void anEntryNotYetDeliveredToSomeGroupIsNeverTrimmed() throws Exception {
    TestRedis.call(Command.XGROUP, "CREATE", stream, "fast", "$");
    TestRedis.call(Command.XGROUP, "CREATE", stream, "behind", "3-0");

    trimWithRetentionOver();

    assertThat(firstId()).isEqualTo("3-0");
  }

  private String firstId() {
    return TestRedis.call(Command.XRANGE, stream, "-", "+", "COUNT", "1").get(0).get(0).toString();
  }
}
