package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebFormClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web form behind a proxy ({@code http.publicBaseUrl} set, as in every deployment): the page
 * still gets its challenge, a forged CSRF token is refused before a byte of the body reaches the
 * data disk.
 */
class WebFormLimitsIT {

  static final String YAML =
      "http:\n  trustedProxies: [\"127.0.0.1/32\"]\n  publicBaseUrl: \"http://localhost\"\n"
          + "channels:\n  web:\n    powMaxNumber: 1000\n";

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(YAML, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static WebFormClient citizen(int n) {
    return new WebFormClient(gateway.baseUrl(), "198.51.100." + n);
  }

  @Test
  void withAPublicBaseUrlTheSameOriginChallengeWithoutOriginStillAnswers() {
    JsonObject challenge = citizen(1).challenge();

    assertThat(challenge.getString("csrfToken")).isNotBlank();
  }

  @Test
  void withAPublicBaseUrlAPostFromAnotherOriginIsRefused() throws Exception {
    WebFormClient client = citizen(2);
    Map<String, String> fields = client.validFields(client.challenge());
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/channels/web/v1/submissions"))
                    .header("Content-Type", "multipart/form-data; boundary=x")
                    .header("X-CSRF-Token", client.csrfToken())
                    .header("Cookie", "intake_csrf=" + client.csrfToken())
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(fields).isNotEmpty();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("csrf_token_invalid");
  }

  @Test
  void aForgedCsrfTokenIsRefusedBeforeAnyByteOfTheBodyReachesTheDisk() throws Exception {
    Path uploads = Path.of(gateway.config().dataDir(), "web-uploads");
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());
    URI base = URI.create(gateway.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST /channels/web/v1/submissions HTTP/1.1\r\nHost: localhost\r\n"
              + "Content-Type: multipart/form-data; boundary=x\r\n"
              + "X-CSRF-Token: anything\r\nCookie: intake_csrf=anything\r\n"
              + "Origin: http://localhost\r\nContent-Length: 1000000\r\n\r\n"
              + "--x\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.png\"\r\n"
              + "Content-Type: image/png\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[200_000]);
      out.flush();
      // the body is far from complete: an answer now means it was refused on its head alone
      String answer = readHead(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 403");
      assertThat(filesUnder(uploads)).as("files under the upload folder").isEmpty();
    }
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && head.length() < 4096) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
