import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open-loop, fixed-rate load for the webhook channel (what wrk2 does; Debian has no wrk2, and wrk's
 * Lua {@code delay()} only adds think time per connection, which is closed-loop and hides
 * queueing). Request k is due at {@code start + k / rate}, whether or not earlier answers have
 * arrived; its latency is measured from that due time (no coordinated omission), so a stall shows
 * up in every request that should have been sent during it. Uses the Vert.x client from the
 * gateway's jar:
 *
 * <pre>
 *   java -cp target/intake-gateway.jar bench/OpenLoad.java --url http://127.0.0.1:18080/channels/webhook/demo \
 *        --secret whsec_... --body bench/body.json --rate 15000 --duration 15 --connections 64 --tag h1
 * </pre>
 *
 * <p>All requests carry unique {@code webhook-id}s and are signed before the clock starts. One
 * event loop drives the client; a 1 ms timer sends whatever is due. A warm-up phase at the same
 * rate ({@code --warmup} seconds, default 5, its own ids, not measured) comes first, so the
 * client's JIT and connections are ready. At the end it waits (at most {@code --grace} seconds) for
 * outstanding answers and prints one {@code RESULT} line ({@code warm_*} = the warm-up's counts,
 * which the caller must add when it compares with the stream length): achieved rate, latency
 * percentiles from the due time ({@code p*_ms}) and from the actual send ({@code svc_p*_ms}), how
 * late the generator itself sent ({@code send_lag_p99_ms}: if that is large the generator, not the
 * gateway, was the bottleneck), and 202/200/other/error counts.
 */
public final class OpenLoad {

  /** One timed phase: its requests, their results and counters (touched only on the event loop). */
  private static final class Phase {
    final double rate;
    final int total;
    final String timestamp;
    final long[] latency;
    final long[] service;
    final long[] lag;
    int sent;
    int done;
    int s202;
    int s200;
    int other;
    int errors;
    long start;
    long lastAnswer;

    final RequestOptions[] requests;
    final Buffer[] bodies;

    Phase(double rate, int seconds, String idPrefix, Requests maker) throws Exception {
      this.rate = rate;
      this.total = (int) Math.ceil(rate * seconds);
      this.timestamp = Long.toString(Instant.now().getEpochSecond());
      this.requests = new RequestOptions[total];
      this.bodies = new Buffer[total];
      for (int k = 0; k < total; k++) {
        requests[k] = maker.options(idPrefix + k, timestamp);
        bodies[k] = maker.body(idPrefix + k, timestamp);
      }
      this.latency = new long[total];
      this.service = new long[total];
      this.lag = new long[total];
    }
  }

  /** Builds each request before the clock starts (signing is not part of what is measured). */
  private interface Requests {
    RequestOptions options(String id, String timestamp) throws Exception;

    Buffer body(String id, String timestamp) throws Exception;
  }

  /** Standard Webhooks POSTs of one body, each with its own webhook-id and signature. */
  private static final class WebhookRequests implements Requests {
    private final String url;
    private final byte[] body;
    private final Mac mac;

    WebhookRequests(String url, byte[] body, String secret) throws Exception {
      this.url = url;
      this.body = body;
      this.mac = mac(secret);
    }

    /** The HMAC of a {@code whsec_} secret. */
    static Mac mac(String secret) throws Exception {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      return mac;
    }

    /** A Standard Webhooks POST of {@code body} to {@code url}. */
    static RequestOptions signed(String url, Mac mac, String id, String timestamp, byte[] body) {
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
      return post(url)
          .putHeader("Content-Type", "application/json")
          .putHeader("webhook-id", id)
          .putHeader("webhook-timestamp", timestamp)
          .putHeader("webhook-signature", signature);
    }

    @Override
    public RequestOptions options(String id, String timestamp) {
      return signed(url, mac, id, timestamp, body);
    }

    @Override
    public Buffer body(String id, String timestamp) {
      return Buffer.buffer(body);
    }
  }

  /**
   * Generic CTI JSON call events (telephony channel), Standard Webhooks signed: request k is event
   * k % 4 (ringing, queued, answered, ended) of call k / 4, so every fourth request ends a call and
   * opens its ticket through the call state machine; callers cycle through 5,000 numbers.
   */
  private static final class CtiRequests implements Requests {
    private static final String[] EVENTS = {"ringing", "queued", "answered", "ended"};
    private final String url;
    private final Mac mac;
    private final String run = Long.toString(System.nanoTime(), 36);

    CtiRequests(String url, String secret) throws Exception {
      this.url = url;
      this.mac = WebhookRequests.mac(secret);
    }

    @Override
    public RequestOptions options(String id, String timestamp) {
      return WebhookRequests.signed(url, mac, id, timestamp, body(id, timestamp).getBytes());
    }

    @Override
    public Buffer body(String id, String timestamp) {
      long k = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
      String event = EVENTS[(int) (k % 4)];
      String at = Instant.ofEpochSecond(Long.parseLong(timestamp)).plusSeconds(k % 4).toString();
      String extra =
          "ended".equals(event)
              ? ",\"answeredAt\":\"" + at + "\",\"durationSeconds\":60,\"agent\":\"a-7\""
              : "";
      return Buffer.buffer(
          "{\"callId\":\"bench-"
              + run
              + "-"
              + id.substring(0, id.lastIndexOf('-'))
              + "-"
              + (k / 4)
              + "\",\"event\":\""
              + event
              + "\",\"timestamp\":\""
              + at
              + "\",\"caller\":\"139"
              + String.format("%08d", (k / 4) % 5000)
              + "\",\"callee\":\"12345\""
              + extra
              + "}");
    }
  }

  /**
   * WeChat safe-mode pushes (encrypt_type=aes): a text message per request with its own MsgId, from
   * one of 5,000 openids, encrypted and signed the way WeChat does (AES-256-CBC, PKCS#7 to 32
   * bytes, msg_signature = SHA-1 of the sorted token, timestamp, nonce and Encrypt).
   */
  private static final class WechatRequests implements Requests {
    private static final AtomicLong MSG_IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private final String url;
    private final String text;
    private final String token;
    private final String appId;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final Map<String, String> encrypted = new HashMap<>();

    WechatRequests(String url, byte[] body, String[] tokenKeyAppId) {
      this.url = url;
      this.text = new String(body, StandardCharsets.UTF_8).strip();
      this.token = tokenKeyAppId[0];
      byte[] raw = Base64.getDecoder().decode(tokenKeyAppId[1] + "=");
      this.key = new SecretKeySpec(raw, "AES");
      this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
      this.appId = tokenKeyAppId[2];
    }

    @Override
    public RequestOptions options(String id, String timestamp) throws Exception {
      long msgId = MSG_IDS.incrementAndGet();
      String openid = "oBench" + (msgId % 5000);
      String xml =
          "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA["
              + openid
              + "]]></FromUserName><CreateTime>"
              + timestamp
              + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
              + text
              + "]]></Content><MsgId>"
              + msgId
              + "</MsgId></xml>";
      String encrypt = encrypt(xml);
      String nonce = Long.toString(msgId % 1_000_000_007L);
      encrypted.put(id, encrypt);
      return post(url
              + "?signature="
              + sha1(token, timestamp, nonce)
              + "&timestamp="
              + timestamp
              + "&nonce="
              + nonce
              + "&openid="
              + openid
              + "&encrypt_type=aes&msg_signature="
              + sha1(token, timestamp, nonce, encrypt))
          .putHeader("Content-Type", "text/xml");
    }

    @Override
    public Buffer body(String id, String timestamp) {
      return Buffer.buffer(
          "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA["
              + encrypted.remove(id)
              + "]]></Encrypt></xml>");
    }

    private String encrypt(String xml) throws Exception {
      byte[] x = xml.getBytes(StandardCharsets.UTF_8);
      byte[] a = appId.getBytes(StandardCharsets.UTF_8);
      int length = 16 + 4 + x.length + a.length;
      int pad = 32 - length % 32;
      ByteBuffer plain = ByteBuffer.allocate(length + pad);
      byte[] random = new byte[16];
      ThreadLocalRandom.current().nextBytes(random);
      plain.put(random).putInt(x.length).put(x).put(a);
      for (int i = 0; i < pad; i++) {
        plain.put((byte) pad);
      }
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, iv);
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
    }

    private static String sha1(String... parts) throws Exception {
      String[] sorted = parts.clone();
      Arrays.sort(sorted);
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of()
          .formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
    }
  }

  static RequestOptions post(String url) {
    return new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setTimeout(10_000);
  }

  private final Vertx vertx;
  private final HttpClientAgent client;

  private OpenLoad(Vertx vertx, HttpClientAgent client) {
    this.vertx = vertx;
    this.client = client;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    for (String required : new String[] {"--url", "--rate", "--body"}) {
      if (!o.containsKey(required)) {
        System.err.println("missing " + required);
        System.exit(2);
      }
    }
    double rate = Double.parseDouble(o.get("--rate"));
    int duration = Integer.parseInt(o.getOrDefault("--duration", "15"));
    int warmup = Integer.parseInt(o.getOrDefault("--warmup", "5"));
    int connections = Integer.parseInt(o.getOrDefault("--connections", "64"));
    int grace = Integer.parseInt(o.getOrDefault("--grace", "15"));
    String tag = o.getOrDefault("--tag", "o");
    byte[] body = Files.readAllBytes(Path.of(o.get("--body")));
    Requests maker =
        o.containsKey("--wechat")
            ? new WechatRequests(o.get("--url"), body, o.get("--wechat").split(","))
            : o.containsKey("--cti")
                ? new CtiRequests(o.get("--url"), o.get("--secret"))
                : new WebhookRequests(o.get("--url"), body, o.get("--secret"));
    Phase warm = new Phase(rate, warmup, "o-" + tag + "-w-", maker);
    Phase measured = new Phase(rate, duration, "o-" + tag + "-", maker);

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    HttpClientAgent client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    OpenLoad load = new OpenLoad(vertx, client);
    boolean warmComplete = load.runPhase(warm, warmup + grace);
    boolean complete = load.runPhase(measured, duration + grace);
    CountDownLatch printed = new CountDownLatch(1);
    vertx.runOnContext(
        v -> { // read the counters on the loop that writes them
          load.report(warm, measured, warmComplete && complete);
          printed.countDown();
        });
    printed.await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** Runs one phase; returns whether every request was answered within {@code maxSeconds}. */
  private boolean runPhase(Phase phase, int maxSeconds) throws InterruptedException {
    if (phase.total == 0) {
      return true;
    }
    CountDownLatch finished = new CountDownLatch(1);
    vertx.runOnContext(
        v -> {
          phase.start = System.nanoTime();
          vertx.setPeriodic(
              1,
              timer -> {
                long now = System.nanoTime();
                long due =
                    Math.min(phase.total, (long) ((now - phase.start) * phase.rate / 1e9) + 1);
                while (phase.sent < due) {
                  send(phase, phase.sent++, finished);
                }
                if (phase.sent == phase.total) {
                  vertx.cancelTimer(timer);
                }
              });
        });
    return finished.await(maxSeconds, TimeUnit.SECONDS);
  }

  private void send(Phase phase, int k, CountDownLatch finished) {
    long due = phase.start + (long) (k * 1e9 / phase.rate);
    long sentAt = System.nanoTime();
    phase.lag[k] = sentAt - due;
    client
        .request(phase.requests[k])
        .compose(req -> req.send(phase.bodies[k]))
        .compose(resp -> resp.end().map(x -> resp.statusCode()))
        .onComplete(
            ar -> {
              long now = System.nanoTime();
              phase.latency[phase.done] = now - due;
              phase.service[phase.done] = now - sentAt;
              phase.done++;
              phase.lastAnswer = now;
              if (ar.failed()) {
                phase.errors++;
              } else if (ar.result() == 202) {
                phase.s202++;
              } else if (ar.result() == 200) {
                phase.s200++;
              } else {
                phase.other++;
              }
              if (phase.done == phase.total) {
                finished.countDown();
              }
            });
  }

  private void report(Phase warm, Phase p, boolean complete) {
    double secs = (p.lastAnswer - p.start) / 1e9;
    long[] l = Arrays.copyOf(p.latency, p.done);
    long[] s = Arrays.copyOf(p.service, p.done);
    long[] g = Arrays.copyOf(p.lag, p.sent);
    Arrays.sort(l);
    Arrays.sort(s);
    Arrays.sort(g);
    System.out.printf(
        "RESULT target_rps=%.0f sent=%d completed=%d unanswered=%d secs=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f"
            + " p99_ms=%.3f p999_ms=%.3f max_ms=%.3f svc_p50_ms=%.3f svc_p99_ms=%.3f send_lag_p99_ms=%.3f"
            + " s202=%d s200=%d sother=%d errors=%d warm_sent=%d warm_s202=%d warm_s200=%d warm_sother=%d"
            + " warm_errors=%d warm_unanswered=%d complete=%b%n",
        p.rate,
        p.sent,
        p.done,
        p.sent - p.done,
        secs,
        p.done / secs,
        pct(l, 50),
        pct(l, 90),
        pct(l, 99),
        pct(l, 99.9),
        pct(l, 100),
        pct(s, 50),
        pct(s, 99),
        pct(g, 99),
        p.s202,
        p.s200,
        p.other,
        p.errors,
        warm.sent,
        warm.s202,
        warm.s200,
        warm.other,
        warm.errors,
        warm.sent - warm.done,
        complete);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int at = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, at))] / 1e6;
  }
}
