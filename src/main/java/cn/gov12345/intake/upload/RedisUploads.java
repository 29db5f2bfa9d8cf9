package cn.gov12345.intake.upload;

import cn.gov12345.intake.channel.app.UploadState;
import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.redis.Zsets;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Upload state in Redis, so a resumed upload may reach any replica. Keys share the hash tag {@code
 * {uploads}}:
 *
 * <pre>
 *   {prefix}:{uploads}:u:{id}       hash: owner, length, offset, metadata, expiresAt, mediaId
 *   {prefix}:{uploads}:lease:{id}   token of the one PATCH writing the upload (PX, renewed)
 *   {prefix}:{uploads}:expiring     zset of incomplete upload ids by expiry (ms)
 * </pre>
 */
public final class RedisUploads {

  /** What {@link #advance} found. */
  public enum Advance {
    DONE,
    GONE,
    LEASE_LOST,
    OFFSET_MOVED
  }

  private static final LuaScript LEASE = LuaScript.load("upload_lease");
  private static final LuaScript ADVANCE = LuaScript.load("upload_advance");
  private static final LuaScript EXPIRE = LuaScript.load("upload_expire");

  private final String prefix;
  private final Function<Request, Future<Response>> redis;

  public RedisUploads(String keyPrefix, Function<Request, Future<Response>> redis) {
    this.prefix = keyPrefix + ":{uploads}";
    this.redis = redis;
  }

  String key(String id) {
    return prefix + ":u:" + id;
  }

  String lease(String id) {
    return prefix + ":lease:" + id;
  }

  /** The zset of incomplete uploads by expiry (ms). */
  public String expiring() {
    return prefix + ":expiring";
  }

  /** Records a new upload (expiry entry first: a crash between leaves nothing unswept). */
  public Future<Void> create(UploadState s) {
    Request hset = Request.cmd(Command.HSET).arg(key(s.id()));
    s.fields().forEach((k, v) -> hset.arg(k).arg(v));
    return redis
        .apply(Request.cmd(Command.ZADD).arg(expiring()).arg(s.expiresAt()).arg(s.id()))
        .compose(r -> redis.apply(hset))
        .mapEmpty();
  }

  /** The upload, or null when it does not exist (never created, expired, terminated). */
  public Future<UploadState> get(String id) {
    return redis
        .apply(Request.cmd(Command.HGETALL).arg(key(id)))
        .map(
            r -> {
              Map<String, String> fields = new HashMap<>();
              for (String k : r.getKeys()) {
                fields.put(k, r.get(k).toString());
              }
              return UploadState.of(id, fields);
            });
  }

  /** Takes the upload's PATCH lease; false when another PATCH holds it. */
  public Future<Boolean> lease(String id, String token, long ms) {
    return redis
        .apply(Request.cmd(Command.SET).arg(lease(id)).arg(token).arg("NX").arg("PX").arg(ms))
        .map(r -> r != null);
  }

  /** Whether a PATCH holds the upload's lease right now. */
  public Future<Boolean> leased(String id) {
    return redis.apply(Request.cmd(Command.EXISTS).arg(lease(id))).map(r -> r.toInteger() == 1);
  }

  /** Extends a held lease; false when it was lost. */
  public Future<Boolean> renew(String id, String token, long ms) {
    return LEASE
        .run(new String[] {lease(id)}, r -> r.arg(token).arg("renew").arg(ms), redis)
        .map(r -> r.toInteger() == 1);
  }

  /** Gives a held lease back (nothing when it was lost meanwhile). */
  public Future<Void> release(String id, String token) {
    return LEASE
        .run(new String[] {lease(id)}, r -> r.arg(token).arg("release").arg(0), redis)
        .mapEmpty();
  }

  /** Moves the offset from {@code from} to {@code to} under the lease {@code token}. */
  public Future<Advance> advance(String id, String token, long from, long to, long expiresAt) {
    return ADVANCE
        .run(
            new String[] {key(id), lease(id), expiring()},
            r -> r.arg(token).arg(from).arg(to).arg(expiresAt).arg(id),
            redis)
        .map(
            r ->
                switch (r.toInteger()) {
                  case 1 -> Advance.DONE;
                  case -1 -> Advance.LEASE_LOST;
                  case -2 -> Advance.OFFSET_MOVED;
                  default -> Advance.GONE;
                });
  }

  /**
   * Marks the upload complete with its media id; it no longer expires as an incomplete upload, and
   * its record lives as long as the unclaimed media does.
   */
  public Future<Void> complete(String id, String mediaId, long keepMs) {
    return redis
        .apply(Request.cmd(Command.HSET).arg(key(id)).arg("mediaId").arg(mediaId))
        .compose(r -> redis.apply(Request.cmd(Command.PEXPIRE).arg(key(id)).arg(keepMs)))
        .compose(r -> redis.apply(Request.cmd(Command.ZREM).arg(expiring()).arg(id)))
        .mapEmpty();
  }

  /** Forgets an upload (terminated, or refused on completion). */
  public Future<Void> delete(String id) {
    return redis
        .apply(Request.cmd(Command.ZREM).arg(expiring()).arg(id))
        .compose(r -> redis.apply(Request.cmd(Command.DEL).arg(key(id))))
        .mapEmpty();
  }

  /** Up to {@code limit} incomplete upload ids whose time was up at {@code nowMs}. */
  public Future<List<String>> due(long nowMs, int limit) {
    return Zsets.due(redis, expiring(), nowMs, limit);
  }

  /** Removes a due upload unless a PATCH holds it; true when this caller removed it. */
  public Future<Boolean> expire(String id, long nowMs) {
    return EXPIRE
        .run(new String[] {expiring(), key(id), lease(id)}, r -> r.arg(id).arg(nowMs), redis)
        .map(r -> r.toInteger() == 1);
  }
}
