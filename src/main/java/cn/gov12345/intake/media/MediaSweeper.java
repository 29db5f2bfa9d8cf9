package cn.gov12345.intake.media;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes completed uploads no submission claimed in time: reads the due ids from {@link
 * RedisMediaRegistry#unclaimed()}, removes each record in one script (a replica that loses the race
 * does nothing) and deletes the bytes only when no other media id refers to them.
 */
public final class MediaSweeper {

  static final int BATCH = 100;
  private static final Logger LOG = LoggerFactory.getLogger(MediaSweeper.class);

  private final RedisMediaRegistry registry;
  private final MediaStore store;
  private final Clock clock;

  public MediaSweeper(RedisMediaRegistry registry, MediaStore store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
  }

  /**
   * One round.
   *
   * @return how many media ids were removed; fails when Redis is unreachable
   */
  public Future<Integer> sweep() {
    long now = clock.millis();
    return registry.due(now, BATCH).compose(ids -> sweep(ids, 0, now, 0));
  }

  private Future<Integer> sweep(List<String> ids, int i, long now, int removed) {
    if (i == ids.size()) {
      return Future.succeededFuture(removed);
    }
    String id = ids.get(i);
    return registry
        .sweep(id, now)
        .compose(
            sha -> {
              if (sha == null) {
                return Future.succeededFuture(0);
              }
              if (sha.isEmpty()) {
                return Future.succeededFuture(1);
              }
              return store
                  .delete(sha)
                  .compose(v -> registry.deleted(sha))
                  .recover(
                      e -> {
                        LOG.warn(
                            "[media] bytes of an expired upload not deleted: {}", e.toString());
                        return Future.succeededFuture();
                      })
                  .map(1);
            })
        .compose(n -> sweep(ids, i + 1, now, removed + n));
  }
}
