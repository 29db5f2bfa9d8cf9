package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS for browser clients, over raw HTTP/1.1 (no client library adds or hides a header): a
 * preflight from an allowed origin is answered before any gate, the tus headers are exposed,
 * refusals are readable by the page, other origins and the server-to-server endpoints get no CORS
 * header, and without configured origins nothing changes.
 */
class CorsIT {

  static final String H5 = "https://h5.12345.example.gov.cn";
  static final String UPLOADS = "/channels/app/v1/uploads";
  static TestGateway gateway;
  static TestGateway plain;

  @BeforeAll
  static void start() throws IOException {
    gateway =
        TestGateway.start(
            AppClient.hs256Yaml()
                + "http:\n  cors:\n    allowedOrigins: [\""
                + H5
                + "\", \"http://localhost:5173\"]\n    maxAge: 5m\n",
            Clock.systemUTC());
    plain = TestGateway.start(AppClient.hs256Yaml(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    plain.close();
  }

  @Test
  void aPreflightOfATusCreationFromAnAllowedOriginIsAnsweredWithoutAToken() throws Exception {
    Answer a =
        send(
            gateway,
            "OPTIONS " + UPLOADS + " HTTP/1.1\r\n",
            "Origin: " + H5,
            "Access-Control-Request-Method: POST",
            "Access-Control-Request-Headers: authorization,tus-resumable,upload-length,"
                + "upload-metadata");

    assertThat(a.status).isEqualTo(204);
    assertThat(a.header("access-control-allow-origin")).isEqualTo(H5);
    assertThat(a.header("access-control-allow-methods")).contains("POST", "PATCH", "HEAD");
    assertThat(a.header("access-control-allow-headers").toLowerCase(Locale.ROOT))
        .contains("authorization", "tus-resumable", "upload-length", "upload-metadata")
        .contains("upload-offset", "content-type", "idempotency-key");
    assertThat(a.header("access-control-max-age")).isEqualTo("300");
    assertThat(a.header("vary")).contains("Origin");
    assertThat(a.header("access-control-allow-credentials")).isNull();
  }

  @Test
  void aPreflightOfAPatchAnswersWithoutReadingTheUploadOrItsBody() throws Exception {
    Answer a =
        send(
            gateway,
            "OPTIONS " + UPLOADS + "/no-such-upload HTTP/1.1\r\n",
            "Origin: http://localhost:5173",
            "Access-Control-Request-Method: PATCH",
            "Access-Control-Request-Headers: upload-offset,content-type,tus-resumable");

    assertThat(a.status).isEqualTo(204);
    assertThat(a.header("access-control-allow-origin")).isEqualTo("http://localhost:5173");
    assertThat(a.body).isEmpty();
  }

  @Test
  void aRefusedTusCreationFromAnAllowedOriginExposesTheTusHeadersToThePage() throws Exception {
    Answer a =
        send(
            gateway,
            "POST " + UPLOADS + " HTTP/1.1\r\n",
            "Origin: " + H5,
            "Tus-Resumable: 1.0.0",
            "Upload-Length: 10",
            "Content-Length: 0");

    assertThat(a.status).isEqualTo(401);
    assertThat(a.header("access-control-allow-origin")).isEqualTo(H5);
    assertThat(a.header("access-control-expose-headers"))
        .contains("Location", "Upload-Offset", "Upload-Length", "Upload-Expires")
        .contains("Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size")
        .contains("Retry-After", "X-Request-Id");
    assertThat(a.header("tus-resumable")).isEqualTo("1.0.0");
  }

  @Test
  void tusDiscoveryFromAnAllowedOriginStillAnswersTheServersCapabilities() throws Exception {
    Answer a = send(gateway, "OPTIONS " + UPLOADS + " HTTP/1.1\r\n", "Origin: " + H5);

    assertThat(a.status).isEqualTo(204);
    assertThat(a.header("tus-version")).isEqualTo("1.0.0");
    assertThat(a.header("tus-extension")).contains("creation");
    assertThat(a.header("access-control-allow-origin")).isEqualTo(H5);
  }

  @Test
  void anAppSubmissionAndALookupFromAnAllowedOriginCarryTheAllowOrigin() throws Exception {
    Answer submission =
        send(
            gateway,
            "POST " + AppClient.SUBMISSIONS + " HTTP/1.1\r\n",
            "Origin: " + H5,
            "Content-Type: application/json",
            "Content-Length: 2",
            "",
            "{}");
    Answer lookup =
        send(
            gateway,
            "POST /v1/lookup HTTP/1.1\r\n",
            "Origin: " + H5,
            "Content-Type: application/json",
            "Content-Length: 2",
            "",
            "{}");

    assertThat(submission.status).isEqualTo(401);
    assertThat(submission.header("access-control-allow-origin")).isEqualTo(H5);
    assertThat(lookup.status).isBetween(400, 499);
    assertThat(lookup.header("access-control-allow-origin")).isEqualTo(H5);
  }

  @Test
  void anotherOriginGetsNoCorsHeaderAndItsPreflightIsNotAnswered() throws Exception {
    Answer a =
        send(
            gateway,
            "OPTIONS " + AppClient.SUBMISSIONS + " HTTP/1.1\r\n",
            "Origin: https://evil.example",
            "Access-Control-Request-Method: POST");

    assertThat(a.header("access-control-allow-origin")).isNull();
    assertThat(a.header("access-control-allow-methods")).isNull();
    assertThat(a.status).isNotEqualTo(204);
  }

  @Test
  void theServerToServerEndpointsGetNoCorsHeaderEvenFromAnAllowedOrigin() throws Exception {
    Answer webhook =
        send(
            gateway,
            "OPTIONS /channels/webhook/partner HTTP/1.1\r\n",
            "Origin: " + H5,
            "Access-Control-Request-Method: POST");

    assertThat(webhook.header("access-control-allow-origin")).isNull();
  }

  @Test
  void withoutAllowedOriginsNoAnswerCarriesACorsHeader() throws Exception {
    Answer preflight =
        send(
            plain,
            "OPTIONS " + UPLOADS + " HTTP/1.1\r\n",
            "Origin: " + H5,
            "Access-Control-Request-Method: POST");

    assertThat(preflight.header("access-control-allow-origin")).isNull();
    assertThat(preflight.header("access-control-allow-methods")).isNull();
    assertThat(preflight.header("tus-version")).isEqualTo("1.0.0");
  }

  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** The request line, then header lines; an empty line then the body, if any. */
  static Answer send(TestGateway to, String requestLine, String... lines) throws IOException {
    StringBuilder request = new StringBuilder(requestLine);
    request.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    String body = "";
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        body = lines[i + 1];
        break;
      }
      request.append(lines[i]).append("\r\n");
    }
    request.append("\r\n").append(body);
    int port = Integer.parseInt(to.baseUrl().substring(to.baseUrl().lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return parse(all.toString(StandardCharsets.UTF_8));
    }
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String[] head = raw.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      String name = head[i].substring(0, colon).toLowerCase(Locale.ROOT);
      String value = head[i].substring(colon + 1).trim();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4));
  }
}
