import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fast local destination for the delivery bench: answers every POST 204 at once and records, per
 * distinct {@code webhook-id}, the lag from the event's CloudEvent {@code time} (when the gateway
 * accepted the message) to its arrival here. Uses Vert.x from the gateway's jar:
 *
 * <pre>
 *   java -cp target/intake-gateway.jar bench/DeliverySink.java --port 18090 --expect 20000 --timeout 120
 * </pre>
 *
 * <p>It exits when {@code --expect} distinct events arrived (or after {@code --timeout} seconds)
 * and prints one {@code RESULT} line: distinct events, duplicates, the delivery rate between the
 * first and the last arrival, and lag percentiles. Writes {@code READY} on stdout once listening.
 */
public final class DeliverySink {

  private final Set<String> seen = new HashSet<>();
  private long[] lags = new long[1 << 16];
  private int count;
  private int duplicates;
  private long firstNanos;
  private long lastNanos;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(option(args, "--port", "18090"));
    int expect = Integer.parseInt(option(args, "--expect", "10000"));
    int timeout = Integer.parseInt(option(args, "--timeout", "120"));
    DeliverySink sink = new DeliverySink();
    CountDownLatch done = new CountDownLatch(1);
    Vertx vertx = Vertx.vertx();
    vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.body()
                    .onSuccess(
                        body -> {
                          sink.record(req.getHeader("webhook-id"), body);
                          req.response().setStatusCode(204).end();
                          if (sink.count >= expect) {
                            done.countDown();
                          }
                        }))
        .listen(port, "127.0.0.1")
        .await();
    System.out.println("READY");
    boolean complete = done.await(timeout, TimeUnit.SECONDS);
    vertx.close().await();
    System.out.println(sink.result(complete));
    if (option(args, "--out", null) != null) {
      Files.writeString(Path.of(option(args, "--out", null)), sink.result(complete) + "\n");
    }
  }

  private void record(String id, Buffer body) {
    long now = System.nanoTime();
    if (id == null || !seen.add(id)) {
      duplicates++;
      return;
    }
    Instant accepted = Instant.parse(new JsonObject(body).getString("time"));
    long lagMicros = Duration.between(accepted, Instant.now()).toNanos() / 1000;
    if (count == lags.length) {
      lags = Arrays.copyOf(lags, lags.length * 2);
    }
    lags[count++] = lagMicros;
    if (count == 1) {
      firstNanos = now;
    }
    lastNanos = now;
  }

  private String result(boolean complete) {
    long[] sorted = Arrays.copyOf(lags, count);
    Arrays.sort(sorted);
    double secs = Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
    return String.format(
        "RESULT complete=%s events=%d duplicates=%d secs=%.3f events_per_s=%.1f"
            + " lag_p50_ms=%.1f lag_p90_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f",
        complete,
        count,
        duplicates,
        secs,
        count / secs,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1000.0);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
