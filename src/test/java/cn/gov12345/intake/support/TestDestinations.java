package cn.gov12345.intake.support;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.signing.StandardWebhooks;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

/**
 * Delivery settings for integration tests: short schedules, no jitter, an admin token, and
 * destinations (WireMock stand-ins for department systems) written as YAML blocks.
 */
public final class TestDestinations {

  /** The {@code whsec_} secret every test destination verifies with. */
  public static final String SECRET = "whsec_dGVzdC1vbmx5LWRlc3RpbmF0aW9uLXNlY3JldC0zMmIh";

  /** The admin API token of test gateways. */
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  private TestDestinations() {}

  /** A WireMock destination on a random port that fails the test on any unmatched request. */
  public static WireMockExtension sink() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort())
        .failOnUnmatchedRequests(true)
        .build();
  }

  /** The POSTs a destination received on a path, oldest first. */
  public static List<LoggedRequest> received(WireMockExtension sink, String path) {
    return sink.findAll(postRequestedFor(urlEqualTo(path)));
  }

  /**
   * The {@code delivery:} section with the given destination blocks (from {@link #destination}).
   */
  public static String delivery(String... destinations) {
    return "delivery:\n"
        + "  adminToken: "
        + ADMIN_TOKEN
        + "\n"
        + "  pollInterval: 50ms\n"
        + "  reclaimMargin: 300ms\n"
        + "  jitter: 0\n"
        + "  breaker:\n"
        + "    failures: 100\n"
        + "    probeAfter: 300ms\n"
        + "  destinations:\n"
        + String.join("", destinations);
  }

  /**
   * One destination block.
   *
   * @param settings further keys, one per line, e.g. {@code "retrySchedule: [0s, 50ms]"}
   */
  public static String destination(String name, String url, String... settings) {
    StringBuilder yaml =
        new StringBuilder(
            "    " + name + ":\n      url: " + url + "\n      secrets: ['" + SECRET + "']\n");
    for (String setting : settings) {
      yaml.append("      ").append(setting).append('\n');
    }
    return yaml.toString();
  }

  /** Asserts a delivered request carries a valid Standard Webhooks signature of its body. */
  public static void assertSigned(LoggedRequest request) {
    byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
    boolean valid =
        StandardWebhooks.verify(
            List.of(key),
            request.getHeader(StandardWebhooks.HEADER_ID),
            Long.parseLong(request.getHeader(StandardWebhooks.HEADER_TIMESTAMP)),
            request.getBody(),
            request.getHeader(StandardWebhooks.HEADER_SIGNATURE));
    assertThat(valid).as("signature verifies").isTrue();
  }

  /** A GET with the given Authorization header (null = none). */
  public static HttpResponse<String> get(String url, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return WebhookClient.send(request.build());
  }

  /** Sends an admin API request with the test token. */
  public static HttpResponse<String> admin(TestGateway gateway, String method, String path) {
    return WebhookClient.send(
        HttpRequest.newBuilder(URI.create(gateway.managementUrl() + path))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }
}
