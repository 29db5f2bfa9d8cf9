import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pre-signs webhook requests for wrk (whose LuaJIT cannot cheaply compute HMAC-SHA256). JDK only,
 * run as a single-file program:
 *
 * <pre>
 *   java bench/SignBulk.java --secret whsec_... --body bench/body.json --out DIR/signed \
 *        --threads 2 --count 400000 --tag r1 [--dup-pct 90 --dup-pool 1000 --pool-tag p1] [--seed 1]
 *        [--citizens 600]
 * </pre>
 *
 * <p>With {@code --citizens K} the requests come from K citizens instead of one (so they spread
 * over the P partitions, bench/cluster.sh): the body's phone number {@code 13800138000} becomes K
 * different numbers, written as {@code DIR/signed.body.0 … DIR/signed.body.K-1}, and each line gets
 * a third field, the number of the body it was signed with (line n of a thread: body n mod K).
 *
 * <p>Writes one file per wrk thread, {@code DIR/signed.1 … DIR/signed.T}: the first line is the
 * {@code webhook-timestamp} (now, Unix seconds; the gateway accepts it for 5 minutes), then {@code
 * count} lines {@code "<webhook-id> v1,<signature>"} in the order wrk sends them. Every request
 * carries the same body; the signature covers {@code id + "." + timestamp + "." + body} (Standard
 * Webhooks), with key = Base64-decode of the secret after {@code whsec_}.
 *
 * <p>With {@code --dup-pct P}, P % of the lines (chosen at random, fixed seed) reuse one of {@code
 * --dup-pool K} ids shared by all threads, so after its first use each such id answers 200
 * "duplicate"; the other lines carry unique ids. Ids: {@code b-<tag>-<thread>-<n>} (unique) and
 * {@code b-<pool-tag>-d-<k>} (pool; give two runs the same pool tag and the second one finds every
 * pool id already stored, so its 202s are exactly its new ids).
 */
public final class SignBulk {

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    Map<String, String> o = options(args);
    String secret = required(o, "--secret");
    byte[] body = Files.readAllBytes(Path.of(required(o, "--body")));
    String out = required(o, "--out");
    int threads = Integer.parseInt(o.getOrDefault("--threads", "2"));
    int count = Integer.parseInt(required(o, "--count"));
    String tag = o.getOrDefault("--tag", "r");
    String poolTag = o.getOrDefault("--pool-tag", tag);
    int dupPct = Integer.parseInt(o.getOrDefault("--dup-pct", "0"));
    int dupPool = Integer.parseInt(o.getOrDefault("--dup-pool", "1000"));
    long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
    int citizens = Integer.parseInt(o.getOrDefault("--citizens", "0"));
    byte[][] bodies = bodies(body, citizens, out);
    if (!secret.startsWith("whsec_")
        || threads < 1
        || count < 1
        || dupPct < 0
        || dupPct > 100
        || dupPool < 1) {
      throw new IllegalArgumentException("bad arguments (secret must start with whsec_)");
    }

    long started = System.nanoTime();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    long timestamp = Instant.now().getEpochSecond();
    Base64.Encoder b64 = Base64.getEncoder();

    String[] poolLines = new String[dupPct > 0 ? dupPool : 0];
    for (int k = 0; k < poolLines.length; k++) {
      String id = "b-" + poolTag + "-d-" + k;
      poolLines[k] = id + " v1," + b64.encodeToString(sign(mac, id, timestamp, body));
    }
    SplittableRandom random = new SplittableRandom(seed);
    long pooled = 0;
    for (int t = 1; t <= threads; t++) {
      Path file = Path.of(out + "." + t);
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
        w.write(Long.toString(timestamp));
        w.newLine();
        for (int n = 1; n <= count; n++) {
          if (dupPct > 0 && random.nextInt(100) < dupPct) {
            w.write(poolLines[random.nextInt(poolLines.length)]);
            pooled++;
          } else {
            String id = "b-" + tag + "-" + t + "-" + n;
            int c = citizens > 0 ? n % citizens : 0;
            w.write(id);
            w.write(" v1,");
            w.write(b64.encodeToString(sign(mac, id, timestamp, bodies[c])));
            if (citizens > 0) {
              w.write(" " + c);
            }
          }
          w.newLine();
        }
      }
    }
    System.err.printf(
        "SignBulk: %d threads x %d requests (%d from a pool of %d ids), timestamp %d, body %d bytes, %.1f s%n",
        threads,
        count,
        pooled,
        poolLines.length,
        timestamp,
        body.length,
        (System.nanoTime() - started) / 1e9);
  }

  /** Body 0 = the given one; with citizens, K variants with their own phone number, written out. */
  private static byte[][] bodies(byte[] body, int citizens, String out) throws IOException {
    if (citizens <= 0) {
      return new byte[][] {body};
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.contains("13800138000")) {
      throw new IllegalArgumentException("--citizens needs a body with the phone 13800138000");
    }
    byte[][] bodies = new byte[citizens][];
    for (int c = 0; c < citizens; c++) {
      String phone = String.format("139%08d", c);
      bodies[c] = text.replace("13800138000", phone).getBytes(StandardCharsets.UTF_8);
      Files.write(Path.of(out + ".body." + c), bodies[c]);
    }
    return bodies;
  }

  private static byte[] sign(Mac mac, String id, long timestamp, byte[] body) {
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return mac.doFinal(body); // doFinal resets the Mac for the next message
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    return o;
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return v;
  }
}
