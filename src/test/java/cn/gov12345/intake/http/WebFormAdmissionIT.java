package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebFormClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 2: a web-form request with a fake CSRF token, an unsolved or forged challenge,
 * or from an address over its rate limit writes no byte under the data dir. Each request declares a
 * 5 MB body, sends the head of a photo part and 200 KB of it, then waits: the refusal must come on
 * the head alone, while the data dir holds no new file.
 */
@Tag("cluster")
class WebFormAdmissionIT {

  static final String YAML =
      "http:\n  trustedProxies: [\"127.0.0.1/32\"]\n"
          + "channels:\n  web:\n    powMaxNumber: 1000\n    perIpHour: 2\n    perIpDay: 2\n";
  static final int DECLARED = 5_000_000;
  static final int SENT = 200_000;

  static TestGateway gateway;

  /** What came back while the body was still being sent, and what the data dir gained by then. */
  record Answer(String statusLine, String code, List<Path> newFiles) {}

  @BeforeAll
  static void start() throws IOException {
    // a data dir of its own: every file in it is this gateway's
    Path dataDir = Files.createTempDirectory("web-admission");
    gateway = TestGateway.start("dataDir: " + dataDir + "\n" + YAML, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aFakeCsrfTokenIsRefusedOnTheHeadAndNoByteReachesTheDataDir() {
    WebFormClient client = new WebFormClient(gateway.baseUrl(), "198.51.100.11");
    JsonObject challenge = client.challenge();
    Map<String, String> head = head(client, "forged.1700000000000.c2lnbmF0dXJl");
    head.put("X-Altcha", WebFormClient.solve(challenge));

    assertRefusedOnTheHead(head, "HTTP/1.1 403", "csrf_token_invalid");
  }

  @Test
  void aForgedChallengeIsRefusedOnTheHeadAndNoByteReachesTheDataDir() {
    WebFormClient client = new WebFormClient(gateway.baseUrl(), "198.51.100.12");
    JsonObject challenge = client.challenge().put("signature", "0".repeat(64));
    Map<String, String> head = head(client, client.csrfToken());
    head.put("X-Altcha", WebFormClient.solve(challenge));

    assertRefusedOnTheHead(head, "HTTP/1.1 400", "proof_of_work_invalid");
  }

  @Test
  void anUnsolvedChallengeIsRefusedOnTheHeadAndNoByteReachesTheDataDir() {
    WebFormClient client = new WebFormClient(gateway.baseUrl(), "198.51.100.13");
    client.challenge();
    Map<String, String> head = head(client, client.csrfToken());

    assertRefusedOnTheHead(head, "HTTP/1.1 400", "proof_of_work_required");
  }

  @Test
  void anAddressOverItsRateLimitIsRefusedOnTheHeadAndNoByteReachesTheDataDir() {
    WebFormClient client = new WebFormClient(gateway.baseUrl(), "198.51.100.14");
    for (int i = 0; i < 2; i++) {
      assertThat(client.submitValid(List.of()).statusCode()).as("submission %d", i).isEqualTo(202);
    }
    JsonObject challenge = client.challenge();
    Map<String, String> head = head(client, client.csrfToken());
    head.put("X-Altcha", WebFormClient.solve(challenge));

    assertRefusedOnTheHead(head, "HTTP/1.1 429", "rate_limited");
  }

  @Test
  void aFillingRefusedForItsBodyIsAcceptedOnceCorrectedWithTheSameSolution() {
    WebFormClient client = new WebFormClient(gateway.baseUrl(), "198.51.100.15");
    Map<String, String> fields = client.validFields(client.challenge());
    fields.put("phone", "12345abc");
    assertThat(client.submit(fields, List.of(), client.csrfToken()).statusCode()).isEqualTo(400);
    fields.remove("phone");

    HttpResponse<String> corrected = client.submit(fields, List.of(), client.csrfToken());

    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(202);
  }

  private static Map<String, String> head(WebFormClient client, String csrf) {
    Map<String, String> head = new LinkedHashMap<>();
    head.put("X-CSRF-Token", csrf);
    head.put("Cookie", "intake_csrf=" + csrf);
    head.put("Idempotency-Key", WebFormClient.newKey());
    head.put("X-Forwarded-For", client.address());
    return head;
  }

  private static void assertRefusedOnTheHead(Map<String, String> head, String status, String code) {
    Map<String, String> redisBefore = RedisSnapshot.of(gateway.prefix());

    Answer answer = post(head);

    assertThat(answer.newFiles()).as("new files under the data dir").isEmpty();
    assertThat(answer.statusLine()).as("answer before the body was sent").startsWith(status);
    assertThat(answer.code()).isEqualTo(code);
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(redisBefore);
  }

  /** Sends the head, a photo part's head and 200 KB of it, then reads what comes back. */
  private static Answer post(Map<String, String> head) {
    Set<Path> before = Set.copyOf(files());
    URI base = URI.create(gateway.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder request =
          new StringBuilder("POST /channels/web/v1/submissions HTTP/1.1\r\nHost: localhost\r\n")
              .append("Content-Type: multipart/form-data; boundary=x\r\n")
              .append("Content-Length: ")
              .append(DECLARED)
              .append("\r\n");
      head.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request
          .append("\r\n--x\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.png\"")
          .append("\r\nContent-Type: image/png\r\n\r\n");
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try {
        out.write(new byte[SENT]);
        out.flush();
      } catch (IOException refusedAndClosed) {
        // the gateway may close while the rest is still on its way; its answer is read below
      }
      String[] answer = read(socket.getInputStream());
      List<Path> added = files().stream().filter(p -> !before.contains(p)).toList();
      return new Answer(answer[0], answer[1], added);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status line and the problem's code, or nulls when nothing came within the timeout. */
  private static String[] read(InputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    try {
      int c;
      while ((c = in.read()) >= 0 && headers.length() < 8192) {
        headers.append((char) c);
        if (headers.toString().endsWith("\r\n\r\n")) {
          break;
        }
      }
      int length = 0;
      for (String line : headers.toString().split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      String status = headers.toString().split("\r\n")[0];
      return new String[] {status, body.isEmpty() ? null : new JsonObject(body).getString("code")};
    } catch (SocketTimeoutException e) {
      return new String[] {null, null};
    }
  }

  private static List<Path> files() {
    Path dataDir = Path.of(gateway.config().dataDir());
    if (!Files.exists(dataDir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dataDir)) {
      return all.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
