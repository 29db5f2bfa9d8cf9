package cn.gov12345.intake.media;

import cn.gov12345.intake.redis.LuaScript;
import cn.gov12345.intake.redis.Zsets;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link MediaRegistry} in Redis. All keys share the hash tag {@code {media}} so the claim script
 * runs on Redis Cluster too (uploads are rare next to messages; one slot is enough):
 *
 * <pre>
 *   {prefix}:{media}:m:{mediaId}    hash: owner, uri, sha256, size, type, claimed
 *   {prefix}:{media}:unclaimed      zset of media ids scored by the time they expire (ms)
 *   {prefix}:{media}:refs:{sha256}  set of the media ids that refer to these bytes
 *   {prefix}:{media}:keep:{sha256}  the bytes were stored by another channel: never deleted
 *   {prefix}:{media}:deleting:{sha256}  a sweeper is deleting the bytes (short TTL)
 * </pre>
 *
 * Records carry no TTL: a sweeper ({@link MediaSweeper}) reads the expired ids from the zset,
 * removes their records and deletes their bytes only when no other media id refers to them, so an
 * object is never orphaned by a key that expired on its own, and bytes a claimed upload shares (the
 * store is content-addressed) are never deleted.
 */
public final class RedisMediaRegistry implements MediaRegistry {

  private static final LuaScript CLAIM = LuaScript.load("media_registry_claim");
  private static final LuaScript PIN = LuaScript.load("media_pin");
  private static final LuaScript SWEEP = LuaScript.load("media_sweep");
  private static final long DELETING_MS = 10 * 60 * 1000L;

  private final String prefix;
  private final Function<Request, Future<Response>> redis;
  private final Clock clock;

  public RedisMediaRegistry(
      String keyPrefix, Function<Request, Future<Response>> redis, Clock clock) {
    this.prefix = keyPrefix + ":{media}";
    this.redis = redis;
    this.clock = clock;
  }

  /** The record key of a media id. */
  public String record(String mediaId) {
    return prefix + ":m:" + mediaId;
  }

  /** The zset of unclaimed media ids by expiry time (ms). */
  public String unclaimed() {
    return prefix + ":unclaimed";
  }

  /**
   * Pins the bytes {@code sha256} for {@code mediaId} before they are stored, so a sweeper running
   * at the same time cannot delete them.
   *
   * @param storedBefore the store held these bytes before this pin (another channel's, or an
   *     earlier upload's)
   * @return false while a sweeper is deleting these bytes: pin again after a short wait
   */
  public Future<Boolean> pin(String sha256, String mediaId, boolean storedBefore) {
    return PIN.run(
            new String[] {
              bytesKey("refs", sha256), bytesKey("deleting", sha256), bytesKey("keep", sha256)
            },
            r -> r.arg(mediaId).arg(storedBefore ? "1" : "0"),
            redis)
        .map(r -> r.toInteger() == 1);
  }

  /** Up to {@code limit} unclaimed media ids whose time was up at {@code nowMs}. */
  public Future<List<String>> due(long nowMs, int limit) {
    return Zsets.due(redis, unclaimed(), nowMs, limit);
  }

  /**
   * Removes one due media id.
   *
   * @return the SHA-256 whose bytes the caller must delete (then call {@link #deleted}); empty when
   *     the bytes stay; null when the id was not due (claimed, or swept by another replica)
   */
  public Future<String> sweep(String mediaId, long nowMs) {
    return redis
        .apply(Request.cmd(Command.HGET).arg(record(mediaId)).arg("sha256"))
        .compose(
            read -> {
              String sha = read == null ? "" : read.toString();
              return SWEEP.run(
                  new String[] {
                    unclaimed(),
                    record(mediaId),
                    bytesKey("refs", sha),
                    bytesKey("keep", sha),
                    bytesKey("deleting", sha)
                  },
                  r -> r.arg(mediaId).arg(nowMs).arg(sha).arg(DELETING_MS),
                  redis);
            })
        .map(r -> r == null ? null : r.toString());
  }

  /** The bytes of {@code sha256} are deleted: new pins are welcome again. */
  public Future<Void> deleted(String sha256) {
    return redis.apply(Request.cmd(Command.DEL).arg(bytesKey("deleting", sha256))).mapEmpty();
  }

  private String bytesKey(String kind, String sha256) {
    return prefix + ":" + kind + ":" + sha256;
  }

  @Override
  public Future<Void> register(
      String mediaId, String owner, StoredMedia media, Duration unclaimedTtl) {
    Request record =
        Request.cmd(Command.HSET)
            .arg(record(mediaId))
            .arg("owner")
            .arg(owner)
            .arg("uri")
            .arg(media.uri())
            .arg("sha256")
            .arg(media.sha256())
            .arg("size")
            .arg(media.size())
            .arg("type")
            .arg(media.sniffedType());
    long expiresAt = clock.millis() + unclaimedTtl.toMillis();
    Request expiry = Request.cmd(Command.ZADD).arg(unclaimed()).arg(expiresAt).arg(mediaId);
    // expiry first: a crash between the two leaves an id the sweeper removes, never a record
    // that no sweeper knows about
    return redis.apply(expiry).compose(r -> redis.apply(record)).mapEmpty();
  }

  @Override
  public Future<List<StoredMedia>> claim(String owner, List<String> mediaIds) {
    if (mediaIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String[] keys = new String[mediaIds.size() + 1];
    for (int i = 0; i < mediaIds.size(); i++) {
      keys[i] = record(mediaIds.get(i));
    }
    keys[mediaIds.size()] = unclaimed();
    return CLAIM
        .run(
            keys,
            r -> {
              r.arg(owner);
              mediaIds.forEach(r::arg);
              return r;
            },
            redis)
        .compose(r -> claimed(r, mediaIds));
  }

  private static Future<List<StoredMedia>> claimed(Response r, List<String> mediaIds) {
    if (r.get(0).toInteger() == 0) {
      return Future.failedFuture(new UnknownMediaException(mediaIds.get(r.get(1).toInteger() - 1)));
    }
    List<StoredMedia> out = new ArrayList<>(mediaIds.size());
    for (int i = 1; i < r.size(); i++) {
      out.add(fromFlat(r.get(i)));
    }
    return Future.succeededFuture(out);
  }

  private static StoredMedia fromFlat(Response flat) {
    String uri = null;
    String sha256 = null;
    long size = 0;
    String type = null;
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      String value = flat.get(i + 1).toString();
      switch (flat.get(i).toString()) {
        case "uri" -> uri = value;
        case "sha256" -> sha256 = value;
        case "size" -> size = Long.parseLong(value);
        case "type" -> type = value;
        default -> {
          // owner, claimed
        }
      }
    }
    return new StoredMedia(uri, sha256, size, type);
  }
}
