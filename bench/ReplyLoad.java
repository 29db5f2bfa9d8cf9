import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The replies bench: opens --tickets webhook tickets (each citizen with a phone), then posts one
 * department reply per ticket (POST /v1/tickets/{id}/replies, pull API key) at --rate per second,
 * and plays the SMS provider (the generic signed-HTTP format of channels/sms/README.md) on
 * --sink-port, answering 200 at once. The reply text carries the epoch ms of its request, so each
 * arrival gives request-accepted -> vendor lag. Prints one RESULT line: replies sent, the send rate
 * between the first and the last arrival, lag percentiles, duplicates (a reply id arriving twice).
 *
 * <p>java -cp target/intake-gateway.jar bench/ReplyLoad.java --url http://127.0.0.1:18280 \
 * --secret whsec_… --key <pull api key> --sink-port 18290 --tickets 3000 --rate 300
 */
public final class ReplyLoad {

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static void run(String[] args) throws Exception {
    String url = arg(args, "--url", "http://127.0.0.1:18280");
    String secret = arg(args, "--secret", "");
    String key = arg(args, "--key", "");
    int port = Integer.parseInt(arg(args, "--sink-port", "18290"));
    int tickets = Integer.parseInt(arg(args, "--tickets", "2000"));
    int rate = Integer.parseInt(arg(args, "--rate", "300"));
    long[] lags = new long[tickets];
    Set<String> seen = ConcurrentHashMap.newKeySet();
    int[] dup = {0};
    long[] firstLast = {Long.MAX_VALUE, 0};
    CountDownLatch done = new CountDownLatch(tickets);
    Vertx vertx = Vertx.vertx();
    vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.body()
                    .onSuccess(
                        b -> {
                          JsonObject sms = new JsonObject(b);
                          long now = System.currentTimeMillis();
                          String text = sms.getJsonObject("params").getString("t", "0");
                          synchronized (lags) {
                            if (seen.add(sms.getString("id"))) {
                              int i = (int) (tickets - done.getCount());
                              if (i < tickets) {
                                lags[i] = now - Long.parseLong(text.replaceAll("[^0-9]", ""));
                              }
                              firstLast[0] = Math.min(firstLast[0], now);
                              firstLast[1] = Math.max(firstLast[1], now);
                              done.countDown();
                            } else {
                              dup[0]++;
                            }
                          }
                          req.response()
                              .putHeader("Content-Type", "application/json")
                              .end("{\"messageId\":\"" + UUID.randomUUID() + "\"}");
                        }))
        .listen(port)
        .await();
    System.out.println("READY");
    HttpClient http =
        HttpClient.newBuilder()
            .executor(java.util.concurrent.Executors.newFixedThreadPool(16))
            .build();
    byte[] hmac = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    List<String> ids = new ArrayList<>(tickets);
    Semaphore inFlight = new Semaphore(32);
    List<java.util.concurrent.CompletableFuture<Void>> opens = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String body =
          "{\"appealType\":\"投诉\",\"text\":\"bench 停水 "
              + i
              + "\",\"citizen\":{\"phone\":\"138"
              + String.format("%08d", i)
              + "\"}}";
      String id = "msg_" + UUID.randomUUID();
      long ts = System.currentTimeMillis() / 1000;
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hmac, "HmacSHA256"));
      String sig =
          Base64.getEncoder()
              .encodeToString(
                  mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
      inFlight.acquire();
      opens.add(
          http.sendAsync(
                  HttpRequest.newBuilder(URI.create(url + "/channels/webhook/demo"))
                      .header("Content-Type", "application/json")
                      .header("webhook-id", id)
                      .header("webhook-timestamp", Long.toString(ts))
                      .header("webhook-signature", "v1," + sig)
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .thenAccept(
                  r -> {
                    inFlight.release();
                    if (r.statusCode() != 202) {
                      throw new IllegalStateException("open: " + r.statusCode() + " " + r.body());
                    }
                    synchronized (ids) {
                      ids.add(new JsonObject(r.body()).getString("ticketId"));
                    }
                  }));
    }
    opens.forEach(java.util.concurrent.CompletableFuture::join);
    System.out.println("OPENED " + ids.size());
    // the replies group reads every ticket.opened too (receipts); let it pass the openings first,
    // so the figures are those of the reply path, not of a burst of 3000 openings ahead of it
    Thread.sleep(Math.max(3000, tickets * 2L));
    long start = System.nanoTime();
    List<java.util.concurrent.CompletableFuture<Void>> posts = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String body =
          "{\"text\":\"" + System.currentTimeMillis() + "\",\"kind\":\"answer\",\"urgent\":true}";
      posts.add(
          http.sendAsync(
                  HttpRequest.newBuilder(URI.create(url + "/v1/tickets/" + ids.get(i) + "/replies"))
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + key)
                      .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .thenAccept(
                  r -> {
                    if (r.statusCode() != 202) {
                      throw new IllegalStateException("reply: " + r.statusCode() + " " + r.body());
                    }
                  }));
    }
    posts.forEach(java.util.concurrent.CompletableFuture::join);
    boolean complete = done.await(120, TimeUnit.SECONDS);
    int n = (int) (tickets - done.getCount());
    long[] sorted = Arrays.copyOf(lags, n);
    Arrays.sort(sorted);
    double seconds = Math.max(1, firstLast[1] - firstLast[0]) / 1000.0;
    System.out.printf(
        "RESULT sent=%d complete=%s rate=%.0f p50=%d p99=%d max=%d duplicates=%d%n",
        n,
        complete,
        n / seconds,
        pct(sorted, 50),
        pct(sorted, 99),
        n == 0 ? 0 : sorted[n - 1],
        dup[0]);
    vertx.close();
    System.exit(0);
  }

  static long pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
