package cn.gov12345.intake.stream;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The consumer-group commands of the in-gateway readers of the tickets streams (delivery
 * destinations, the signals worker): create a group on every partition, read new entries without
 * blocking, take over what a dead consumer held. Each names one partition's stream: one Cluster
 * slot.
 */
public final class ConsumerGroups {

  private ConsumerGroups() {}

  /**
   * Creates {@code group} on every partition's tickets stream at {@code startId}; an existing group
   * keeps its position (BUSYGROUP is fine).
   */
  public static Future<Void> create(
      StreamKeys keys, String group, String startId, Function<Request, Future<Response>> sender) {
    List<Future<Response>> all = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      Request create =
          Request.cmd(Command.XGROUP)
              .arg("CREATE")
              .arg(keys.tickets(p))
              .arg(group)
              .arg(startId)
              .arg("MKSTREAM");
      all.add(
          sender
              .apply(create)
              .recover(
                  err ->
                      err instanceof ErrorType e && e.is("BUSYGROUP")
                          ? Future.succeededFuture()
                          : Future.failedFuture(err)));
    }
    return Future.all(all).mapEmpty();
  }

  /** XREADGROUP of up to {@code count} new entries of one stream, without blocking. */
  public static Request readNew(String stream, String group, String consumer, int count) {
    return Request.cmd(Command.XREADGROUP)
        .arg("GROUP")
        .arg(group)
        .arg(consumer)
        .arg("COUNT")
        .arg(count)
        .arg("STREAMS")
        .arg(stream)
        .arg(">");
  }

  /** XAUTOCLAIM of entries idle longer than {@code minIdleMillis}, from a cursor. */
  public static Request reclaim(
      String stream, String group, String consumer, long minIdleMillis, String cursor, int count) {
    return Request.cmd(Command.XAUTOCLAIM)
        .arg(stream)
        .arg(group)
        .arg(consumer)
        .arg(minIdleMillis)
        .arg(cursor)
        .arg("COUNT")
        .arg(count);
  }

  /** A consumer name unique to this process: the host (pod) name and a random suffix. */
  public static String consumerName() {
    String host = System.getenv("HOSTNAME");
    String base = host == null || host.isBlank() ? "gateway" : host;
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
