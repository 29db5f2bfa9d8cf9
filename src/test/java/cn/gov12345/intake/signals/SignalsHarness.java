package cn.gov12345.intake.signals;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.SignalsConfig;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Redis, a fresh key prefix with two partitions, and signal workers over it: events are
 * appended to the tickets streams as the gateway appends them, the workers' signals read back.
 */
public final class SignalsHarness implements AutoCloseable {

  static final int P = 2;

  public final String prefix = TestRedis.freshPrefix();
  final StreamKeys keys = new StreamKeys(prefix, P);
  public final SignalsConfig config;
  final Vertx vertx = Vertx.vertx();
  final Redis redis = Redis.createClient(vertx, TestRedis.options());
  private final List<String> deployments = new ArrayList<>();

  public SignalsHarness(SignalsConfig config) {
    this.config = config;
  }

  /** Starts a worker (a replica of the gateway's signals verticle). */
  public void startWorker() throws Exception {
    SignalsVerticle v =
        new SignalsVerticle(
            config, keys, prefix, TestRedis.options(), new SimpleMeterRegistry(), 0);
    deployments.add(vertx.deployVerticle(v).await(10, TimeUnit.SECONDS));
  }

  /** Appends a tickets-stream event in the partition of {@code citizenEvent}'s citizen. */
  public void append(JsonObject event, JsonObject citizenEvent) {
    int p = keys.partitionOf(citizenEvent.getString("partitionkey"));
    send(
        Request.cmd(Command.XADD)
            .arg(keys.tickets(p))
            .arg("*")
            .arg("type")
            .arg(event.getString("type"))
            .arg("event")
            .arg(event.encode()));
  }

  /** Appends a ticket.opened event in its citizen's partition. */
  public void append(JsonObject opened) {
    append(opened, opened);
  }

  /** Waits until the workers' group has read and acknowledged everything in every partition. */
  public void awaitIdle() {
    Eventually.await(
        Duration.ofSeconds(20),
        () -> {
          for (int p = 0; p < P; p++) {
            assertThat(idle(p)).as("partition %d consumed", p).isTrue();
          }
        });
  }

  private boolean idle(int p) {
    String stream = keys.tickets(p);
    Response last =
        send(Request.cmd(Command.XREVRANGE).arg(stream).arg("+").arg("-").arg("COUNT").arg(1));
    if (last == null || last.size() == 0) {
      return true;
    }
    Response groups = send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream));
    for (Response g : groups) {
      if (config.group().equals(field(g, "name"))) {
        return "0".equals(field(g, "pending"))
            && last.get(0).get(0).toString().equals(field(g, "last-delivered-id"));
      }
    }
    return false;
  }

  /** A field of an XINFO reply (a RESP3 map or a RESP2 list of pairs alike). */
  private static String field(Response r, String name) {
    Response v = r.get(name);
    return v == null ? null : v.toString();
  }

  /** The live signals, in stream order. */
  public List<JsonObject> signals() {
    List<JsonObject> out = new ArrayList<>();
    for (String e : TestRedis.events(keys.tickets(0))) {
      JsonObject event = new JsonObject(e);
      if (SignalTypes.ALL.contains(event.getString("type"))) {
        out.add(event);
      }
    }
    return out;
  }

  public List<JsonObject> signals(String type) {
    return signals().stream().filter(s -> type.equals(s.getString("type"))).toList();
  }

  public Response send(Request r) {
    try {
      return redis.send(r).await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    for (String id : deployments) {
      vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
