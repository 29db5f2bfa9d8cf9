package cn.gov12345.intake.stream;

import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracking numbers are never issued twice, even by a Redis that lost its last writes (issue
 * "Hardening", docs/durability.md). Under {@code appendfsync everysec} a Redis restart or failover
 * may drop the last ~1-2 s of writes, among them sequence increments whose numbers citizens already
 * hold. Every connection that draws tracking numbers is prepared by {@link #prepare} before its
 * first command: it reads the server's {@code run_id}, and the first connection of every new run
 * advances each partition's day sequences by the margin ({@code fence.lua}, once per run and
 * partition, whoever comes first). A restart always breaks the connections, so no number is drawn
 * from a restarted Redis before the fence.
 *
 * <p>On a Redis Cluster every master has its own run and a failover changes only one of them, while
 * a connection's {@code INFO} answers from any node: {@link #perShard} fences on every new
 * connection and lets each partition's script read the run of the master that holds its slot.
 *
 * <p>Not needed, and off, under {@code fsync}: Redis answers only fsynced writes, so no issued
 * number can be lost.
 */
public final class TrackingFence {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingFence.class);
  private static final LuaScript FENCE = LuaScript.load("fence");

  private final StreamKeys keys;
  private final int margin;
  private final Clock clock;
  private final boolean perShard;
  private final AtomicReference<String> fencedRun = new AtomicReference<>("");

  /**
   * @param margin numbers skipped per new Redis run; 0 = no fence
   */
  public TrackingFence(StreamKeys keys, int margin, Clock clock) {
    this(keys, margin, clock, false);
  }

  private TrackingFence(StreamKeys keys, int margin, Clock clock, boolean perShard) {
    this.keys = keys;
    this.margin = margin;
    this.clock = clock;
    this.perShard = perShard;
  }

  /** The fence on a Redis Cluster: each partition's script reads its own master's run. */
  public static TrackingFence perShard(StreamKeys keys, int margin, Clock clock) {
    return new TrackingFence(keys, margin, clock, true);
  }

  /** A fence that never advances anything (durability fsync, or turned off). */
  public static TrackingFence off(StreamKeys keys) {
    return new TrackingFence(keys, 0, Clock.systemUTC());
  }

  /**
   * Prepares a new connection: fences every partition when the server is a run this process has not
   * fenced yet.
   *
   * @return done when the connection may draw numbers; failed when the fence could not be written
   *     (the connection is then not used)
   */
  public Future<Void> prepare(RedisConnection connection) {
    if (margin == 0) {
      return Future.succeededFuture();
    }
    if (perShard) {
      return fence(connection, "");
    }
    return connection
        .send(Request.cmd(Command.INFO).arg("server"))
        .compose(
            info -> {
              String run = runId(info.toString());
              if (run.equals(fencedRun.get())) {
                return Future.succeededFuture();
              }
              return fence(connection, run).onSuccess(v -> fencedRun.set(run));
            });
  }

  private Future<Void> fence(RedisConnection connection, String run) {
    String today = TrackingNumbers.day(clock.instant());
    String yesterday = TrackingNumbers.day(clock.instant().minusSeconds(24 * 3600));
    List<Future<?>> steps = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      String[] scriptKeys = {
        keys.sequenceFence(p), keys.sequence(p, today), keys.sequence(p, yesterday)
      };
      steps.add(
          FENCE.run(
              scriptKeys,
              r -> r.arg(run).arg(margin).arg(TrackingNumbers.SEQUENCE_TTL_SECONDS),
              connection::send));
    }
    return Future.all(steps)
        .onSuccess(
            all -> {
              long advanced =
                  all.list().stream().filter(r -> "1".equals(String.valueOf(r))).count();
              if (advanced > 0) {
                LOG.info(
                    "[startup] tracking numbers advanced by {} in {} partition(s) for Redis run {}",
                    margin,
                    advanced,
                    run.isEmpty() ? "(per shard)" : run);
              }
            })
        .mapEmpty();
  }

  /** The {@code run_id} line of {@code INFO server}. */
  static String runId(String info) {
    int at = info.indexOf("run_id:");
    if (at < 0) {
      throw new IllegalStateException("INFO server names no run_id");
    }
    int end = info.indexOf('\r', at);
    if (end < 0) {
      end = info.indexOf('\n', at);
    }
    return info.substring(at + "run_id:".length(), end < 0 ? info.length() : end).trim();
  }
}
