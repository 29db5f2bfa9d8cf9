package cn.gov12345.intake.media;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.redis.LuaScript;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads waiting in a per-partition sorted set (member = the download as JSON, score = due ms),
 * so they survive restarts and any replica can finish them: {@code media_claim.lua} claims due
 * members for a lease, {@code media_settle.lua} removes one and either re-adds its next attempt or
 * appends its outcome event to the partition's tickets stream, atomically (a member already settled
 * by another poller writes nothing). Used for WeChat media and call recordings.
 */
public final class PendingDownloads {

  private static final LuaScript CLAIM = LuaScript.load("media_claim");
  private static final LuaScript SETTLE = LuaScript.load("media_settle");
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Logger LOG = LoggerFactory.getLogger(PendingDownloads.class);

  private final IntFunction<String> pendingKey;
  private final IntFunction<String> ticketsKey;
  private final Function<Request, Future<Response>> redis;

  /**
   * @param pendingKey the sorted set of a partition
   * @param ticketsKey the tickets stream of a partition (same hash tag)
   */
  public PendingDownloads(
      IntFunction<String> pendingKey,
      IntFunction<String> ticketsKey,
      Function<Request, Future<Response>> redis) {
    this.pendingKey = pendingKey;
    this.ticketsKey = ticketsKey;
    this.redis = redis;
  }

  /** A download record as the member stored in the sorted set (JSON). */
  public static String member(Record download) {
    try {
      return JSON.writeValueAsString(download);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("records always serialize", e);
    }
  }

  /** Reads a member back; fails with {@link IllegalArgumentException} on anything else. */
  public static <T extends Record> T read(String member, Class<T> type) {
    try {
      return JSON.readValue(member, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a pending " + type.getSimpleName(), e);
    }
  }

  /**
   * Claims the due downloads of a partition and works each one; a member that is not a {@code type}
   * is dropped (settled without an event) instead of being claimed again forever.
   *
   * @param worker works one download, given its claimed member (needed to settle it)
   * @return succeeds when every claimed download settled or failed on its own
   */
  public <T extends Record> Future<Void> work(
      int partition,
      long now,
      long leaseMillis,
      int limit,
      Class<T> type,
      BiFunction<String, T, Future<Void>> worker) {
    return claim(partition, now, leaseMillis, limit)
        .compose(
            claimed ->
                Future.join(
                    claimed.stream().map(m -> workOne(partition, m, type, worker)).toList()))
        .mapEmpty();
  }

  private <T extends Record> Future<Void> workOne(
      int partition, String member, Class<T> type, BiFunction<String, T, Future<Void>> worker) {
    T download;
    try {
      download = read(member, type);
    } catch (IllegalArgumentException e) {
      LOG.warn("dropping an unreadable pending download in partition {}", partition);
      return finish(partition, member, new byte[0]).mapEmpty();
    }
    return worker.apply(member, download);
  }

  /**
   * Claims up to {@code limit} due downloads of a partition for {@code leaseMillis}.
   *
   * @return the claimed members (raw JSON, needed to settle them)
   */
  public Future<List<String>> claim(int partition, long now, long leaseMillis, int limit) {
    return CLAIM
        .run(
            new String[] {pendingKey.apply(partition)},
            r -> r.arg(now).arg(leaseMillis).arg(limit),
            redis)
        .map(
            r -> {
              List<String> out = new ArrayList<>(r.size());
              r.forEach(member -> out.add(member.toString()));
              return out;
            });
  }

  /** Removes a claimed member and adds {@code next} due at {@code dueMillis}. */
  public Future<Boolean> retry(int partition, String claimed, String next, long dueMillis) {
    return settle(partition, claimed, next, dueMillis, "", new byte[0]);
  }

  /** Removes a claimed member and appends its outcome to the ticket (nothing when empty). */
  public Future<Boolean> finish(int partition, String claimed, byte[] appendedEvent) {
    String type = appendedEvent.length == 0 ? "" : EventTypes.TICKET_APPENDED;
    return settle(partition, claimed, "", 0, type, appendedEvent);
  }

  private Future<Boolean> settle(
      int partition, String claimed, String next, long due, String type, byte[] event) {
    return SETTLE
        .run(
            new String[] {pendingKey.apply(partition), ticketsKey.apply(partition)},
            r -> r.arg(claimed).arg(next).arg(due).arg(type).arg(event),
            redis)
        .map(r -> r.toInteger() == 1);
  }
}
