package cn.gov12345.intake.upload;

import cn.gov12345.intake.channel.app.UploadState;
import cn.gov12345.intake.config.UploadQuotaConfig;
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
 *   {prefix}:{uploads}:fence:{id}   token of a lease holder asked to stop (PX)
 *   {prefix}:{uploads}:expiring     zset of incomplete upload ids by expiry (ms)
 *   {prefix}:{uploads}:q:u:{owner}  hash: the owner's open upload ids -> declared length
 *   {prefix}:{uploads}:q:open       hash: every open upload id -> declared length
 *   {prefix}:{uploads}:q:bytes      the declared bytes of all open uploads
 * </pre>
 *
 * <p>An upload is recorded together with its quota entries ({@code upload_create.lua}) and leaves
 * them in the same step that completes, deletes or expires it, so the counters never leak. All keys
 * share one hash tag: on a Redis Cluster every upload script runs on one node.
 */
public final class RedisUploads {

  /** Which quota refused a creation. */
  public enum Limit {
    USER_OPEN,
    USER_BYTES,
    GLOBAL_OPEN,
    GLOBAL_BYTES
  }

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
  private static final LuaScript CREATE = LuaScript.load("upload_create");
  private static final LuaScript CLOSE = LuaScript.load("upload_close");
  private static final LuaScript FENCE = LuaScript.load("upload_fence");

  private final String prefix;
  private final Function<Request, Future<Response>> redis;
  private final UploadQuotaConfig quota;

  public RedisUploads(
      String keyPrefix, Function<Request, Future<Response>> redis, UploadQuotaConfig quota) {
    this.prefix = keyPrefix + ":{uploads}";
    this.redis = redis;
    this.quota = quota;
  }

  /** The quotas enforced at creation. */
  public UploadQuotaConfig quota() {
    return quota;
  }

  private String[] quotaKeys(String owner) {
    return new String[] {prefix + ":q:u:" + owner, prefix + ":q:open", prefix + ":q:bytes"};
  }

  String key(String id) {
    return prefix + ":u:" + id;
  }

  String lease(String id) {
    return prefix + ":lease:" + id;
  }

  private String fence(String id) {
    return prefix + ":fence:" + id;
  }

  /** The zset of incomplete uploads by expiry (ms). */
  public String expiring() {
    return prefix + ":expiring";
  }

  /**
   * Records a new upload if the quotas allow it.
   *
   * @return null when recorded, else the limit that refused it (nothing was written then)
   */
  public Future<Limit> create(UploadState s) {
    String[] q = quotaKeys(s.owner());
    return CREATE
        .run(
            new String[] {key(s.id()), expiring(), q[0], q[1], q[2]},
            r -> {
              r.arg(s.id()).arg(s.length()).arg(s.expiresAt());
              r.arg(quota.perUserOpen()).arg(quota.perUserBytes());
              r.arg(quota.globalOpen()).arg(quota.globalBytes());
              s.fields().forEach((k, v) -> r.arg(k).arg(v));
              return r;
            },
            redis)
        .map(
            r ->
                r.get(0).toInteger() == 1
                    ? null
                    : Limit.valueOf(r.get(1).toString().toUpperCase(java.util.Locale.ROOT)));
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

  /**
   * Extends a held lease.
   *
   * @return true when the holder was asked to stop ({@link #fence}), false otherwise (also when the
   *     lease was lost)
   */
  public Future<Boolean> renew(String id, String token, long ms) {
    return LEASE
        .run(new String[] {lease(id), fence(id)}, r -> r.arg(token).arg("renew").arg(ms), redis)
        .map(r -> r.toInteger() == 2);
  }

  /** Gives a held lease back (nothing when it was lost meanwhile). */
  public Future<Void> release(String id, String token) {
    return LEASE
        .run(new String[] {lease(id), fence(id)}, r -> r.arg(token).arg("release").arg(0), redis)
        .mapEmpty();
  }

  /** Asks the PATCH holding the upload's lease to stop; false when none holds it. */
  public Future<Boolean> fence(String id, long ms) {
    return FENCE
        .run(new String[] {lease(id), fence(id)}, r -> r.arg(ms), redis)
        .map(r -> r.toInteger() == 1);
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
   * Marks the upload complete with its media id; it no longer expires as an incomplete upload nor
   * counts against a quota, and its record lives as long as the unclaimed media does.
   */
  public Future<Void> complete(UploadState s, String mediaId, long keepMs) {
    return close(s.id(), s.owner(), "complete", mediaId, keepMs);
  }

  /** Forgets an upload (terminated, or refused on completion) and releases its quota entries. */
  public Future<Void> delete(UploadState s) {
    return close(s.id(), s.owner(), "delete", "", 0);
  }

  private Future<Void> close(String id, String owner, String how, String mediaId, long keepMs) {
    String[] q = quotaKeys(owner);
    return CLOSE
        .run(
            new String[] {key(id), expiring(), q[0], q[1], q[2]},
            r -> r.arg(id).arg(how).arg(mediaId).arg(keepMs),
            redis)
        .mapEmpty();
  }

  /** Up to {@code limit} incomplete upload ids whose time was up at {@code nowMs}. */
  public Future<List<String>> due(long nowMs, int limit) {
    return Zsets.due(redis, expiring(), nowMs, limit);
  }

  /**
   * Removes a due upload unless a PATCH holds it, with its quota entries; true when this caller
   * removed it.
   */
  public Future<Boolean> expire(String id, long nowMs) {
    return redis
        .apply(Request.cmd(Command.HGET).arg(key(id)).arg("owner"))
        .compose(
            owner -> {
              String[] q = quotaKeys(owner == null ? "" : owner.toString());
              return EXPIRE.run(
                  new String[] {expiring(), key(id), lease(id), q[0], q[1], q[2]},
                  r -> r.arg(id).arg(nowMs),
                  redis);
            })
        .map(r -> r.toInteger() == 1);
  }
}
