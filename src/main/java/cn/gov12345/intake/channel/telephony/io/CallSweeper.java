package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.telephony.CallOutcome;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Closes calls that had no end event within {@code channels.telephony.callTimeout}: reads the due
 * members of the partition's open calls and runs the timeout step of {@code call.lua} for each. The
 * step re-checks everything atomically, so several replicas sweeping at once open one ticket.
 */
public final class CallSweeper {

  static final int BATCH = 100;

  private final TelephonyKeys keys;
  private final RedisCallStore store;
  private final Function<Request, Future<Response>> redis;
  private final Clock clock;

  public CallSweeper(
      TelephonyKeys keys,
      RedisCallStore store,
      Function<Request, Future<Response>> redis,
      Clock clock) {
    this.keys = keys;
    this.store = store;
    this.redis = redis;
    this.clock = clock;
  }

  /** Closes the due calls of one partition; succeeds with how many got their ticket now. */
  public Future<Integer> sweep(int partition) {
    return redis
        .apply(
            Request.cmd(Command.ZRANGEBYSCORE)
                .arg(keys.openCalls(partition))
                .arg("-inf")
                .arg(clock.millis())
                .arg("LIMIT")
                .arg(0)
                .arg(BATCH))
        .compose(
            due -> {
              List<Future<CallOutcome>> closing = new ArrayList<>();
              due.forEach(member -> closing.add(close(partition, member.toString())));
              return Future.all(closing);
            })
        .map(
            all -> {
              int opened = 0;
              for (int i = 0; i < all.size(); i++) {
                CallOutcome o = all.resultAt(i);
                opened += o.ticket().isEmpty() ? 0 : 1;
              }
              return opened;
            });
  }

  private Future<CallOutcome> close(int partition, String callKey) {
    return store.timeout(partition, callKey);
  }
}
