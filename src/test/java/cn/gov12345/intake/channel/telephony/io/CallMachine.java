package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.telephony.CallOutcome;
import cn.gov12345.intake.channel.telephony.TelephonyChannel;
import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.channel.telephony.TelephonyRequest;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestIdentity;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The telephony channel and the call state machine wired to the test Redis under a fresh prefix,
 * without HTTP: what the routes do, one event at a time.
 */
final class CallMachine implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final Redis redis = Redis.createClient(vertx, TestRedis.options());
  final String prefix;
  final StreamKeys streams;
  final TelephonyKeys keys;
  final TelephonyChannel channel;
  final CallSteps steps;
  final RedisCallStore store;
  final CallSweeper sweeper;

  CallMachine(int partitions, Clock clock, Duration timeout, Duration window) {
    this(TestRedis.freshPrefix(), partitions, clock, timeout, window);
  }

  private CallMachine(
      String prefix, int partitions, Clock clock, Duration timeout, Duration window) {
    this.prefix = prefix;
    streams = new StreamKeys(prefix, partitions);
    keys = new TelephonyKeys(prefix, streams);
    channel = TelephonyFixtures.channel(clock);
    Ids ids = new Ids(clock);
    steps =
        new CallSteps(
            TestIdentity.pseudonymizer(), TestIdentity.sealer(), new EventFactory(), keys, ids);
    store =
        new RedisCallStore(
            keys,
            redis::send,
            new EventFactory(),
            ids,
            clock,
            new IntakeMetrics(),
            Duration.ofHours(48),
            timeout,
            window,
            Duration.ofDays(400));
    sweeper = new CallSweeper(keys, store, redis::send, clock);
  }

  CallMachine() {
    this(1, Clock.systemUTC(), Duration.ofHours(2), Duration.ofHours(2));
  }

  /** Another replica on the same keys whose clock reads {@code now} (e.g. hours later). */
  CallMachine at(Instant now) {
    return new CallMachine(
        prefix,
        streams.partitions(),
        Clock.fixed(now, java.time.ZoneOffset.UTC),
        Duration.ofHours(2),
        Duration.ofHours(2));
  }

  CallOutcome send(TelephonyRequest request) {
    try {
      return store.record(steps.step(request)).await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signed generic CTI event. */
  TelephonyRequest cti(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String id = "msg_" + UUID.randomUUID();
    long ts = Instant.now().getEpochSecond();
    return channel.cti(
        "pbx", id, Long.toString(ts), TelephonyFixtures.ctiSignature(id, ts, body), body);
  }

  /** Every ticket event of every partition, parsed and schema-checked. */
  List<JsonNode> tickets() {
    return events(true);
  }

  List<JsonNode> messages() {
    return events(false);
  }

  private List<JsonNode> events(boolean tickets) {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (int p = 0; p < streams.partitions(); p++) {
      for (String e : TestRedis.events(tickets ? streams.tickets(p) : streams.messages(p))) {
        EventSchemas.assertValid(e);
        out.add(EventSchemas.read(e));
      }
    }
    return out;
  }

  @Override
  public void close() {
    redis.close();
    vertx.close();
  }
}
