package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The web form's CSRF cookie is {@code Secure} exactly when the public base URL is https. */
class WebCsrfCookieIT {

  static final String ORIGIN = "https://12345.example.gov.cn";

  @Test
  void behindAnHttpsPublicBaseUrlTheCsrfCookieIsSecure() throws Exception {
    String yaml = "http:\n  publicBaseUrl: " + ORIGIN + "\n";
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC())) {
      assertThat(csrfCookie(gateway)).contains("intake_csrf=").containsIgnoringCase("; Secure");
    }
  }

  @Test
  void withoutAnHttpsPublicBaseUrlTheCsrfCookieWorksOverPlainHttp() throws Exception {
    try (TestGateway gateway = TestGateway.start("", Clock.systemUTC())) {
      assertThat(csrfCookie(gateway)).contains("intake_csrf=").doesNotContainIgnoringCase("secure");
    }
  }

  private static String csrfCookie(TestGateway gateway) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/channels/web/v1/challenge"))
                    .header("Origin", ORIGIN)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> cookies = r.headers().allValues("Set-Cookie");
    return cookies.stream().filter(c -> c.startsWith("intake_csrf=")).findFirst().orElse("");
  }
}
