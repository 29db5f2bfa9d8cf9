package cn.gov12345.intake.stream;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * The partition count P is part of the data: a citizen's dedup keys, open conversation, callback
 * window and idempotency records live in the partition of {@code hash(pseudonym) mod P}. A gateway
 * started with another P would look for them in other partitions, so retries would become second
 * tickets, conversations and callback windows would split, and P-1 partitions' streams would be
 * skipped by nothing but still be read by old consumers. The first gateway records P in Redis
 * ({@code {prefix}.partitions}); every later start compares, and a different P refuses to start
 * (docs/redis-topologies.md, "Choosing P").
 */
public final class PartitionCount {

  private PartitionCount() {}

  /** What the check found. */
  public enum Found {
    /** This start recorded P (a new key prefix). */
    RECORDED,
    /** Redis holds the same P. */
    SAME
  }

  /**
   * Records P when none is recorded and compares it with the recorded one.
   *
   * @return fails with {@link PartitionMismatchException} when Redis holds another P, or with
   *     Redis's error when it cannot be reached
   */
  public static Future<Found> verify(StreamKeys keys, Function<Request, Future<Response>> redis) {
    String key = keys.partitionRecord();
    return redis
        .apply(Request.cmd(Command.SET).arg(key).arg(keys.partitions()).arg("NX"))
        .compose(
            set -> {
              if (set != null && "OK".equals(set.toString())) {
                return Future.succeededFuture(Found.RECORDED);
              }
              return redis
                  .apply(Request.cmd(Command.GET).arg(key))
                  .compose(got -> compare(keys, key, got));
            });
  }

  private static Future<Found> compare(StreamKeys keys, String key, Response got) {
    String recorded = got == null ? "" : got.toString();
    if (recorded.equals(String.valueOf(keys.partitions()))) {
      return Future.succeededFuture(Found.SAME);
    }
    return Future.failedFuture(new PartitionMismatchException(key, recorded, keys.partitions()));
  }

  /** The configured P differs from the one this key prefix was started with. */
  public static final class PartitionMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PartitionMismatchException(String key, String recorded, int configured) {
      super(
          "stream.partitions is "
              + configured
              + " but this Redis key prefix was started with "
              + recorded
              + " (recorded in "
              + key
              + "): changing P moves every citizen to another partition, which breaks dedup,"
              + " open conversations, callback windows and idempotency keys. Start with"
              + " stream.partitions: "
              + recorded
              + ", or use a new stream.keyPrefix (see docs/redis-topologies.md)",
          null,
          false,
          false);
    }
  }
}
