package cn.gov12345.intake.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.config.OutboundConfig;
import cn.gov12345.intake.fetch.GuardedFetcher.Fetched;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.support.TestDestinations;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guarded fetcher against a WireMock that plays both the allowed host ({@code localhost}) and
 * an internal one ({@code 127.0.0.1}, the same server under another name).
 */
class GuardedFetcherIT {

  @RegisterExtension static WireMockExtension remote = TestDestinations.sink();

  final Vertx vertx = Vertx.vertx();
  final IntakeMetrics metrics = new IntakeMetrics();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRedirectWithinThePrefixIsFollowedAndOneToAnotherHostIsRefusedWithoutARequest() {
    remote.stubFor(get(urlEqualTo("/rec/a")).willReturn(redirect(local("/rec/b"))));
    remote.stubFor(get(urlEqualTo("/rec/b")).willReturn(aResponse().withBody("bytes")));
    remote.stubFor(get(urlEqualTo("/rec/c")).willReturn(redirect(internal("/secret"))));
    remote.stubFor(get(urlEqualTo("/secret")).willReturn(aResponse().withBody("internal")));
    GuardedFetcher f = fetcher(new OutboundConfig(false, List.of("localhost"), null, null));

    assertThat(await(fetch(f, local("/rec/a"), Map.of())).body().toString()).isEqualTo("bytes");
    assertRefused(fetch(f, local("/rec/c"), Map.of()), FetchRefusedException.REDIRECT);
    remote.verify(0, getRequestedFor(urlEqualTo("/secret")));
    assertThat(metrics.scrape())
        .contains(
            "intake_outbound_refused_total{purpose=\"test\",reason=\"redirect_refused\"} 1.0");
  }

  @Test
  void aLoopbackTargetIsRefusedBeforeAnyConnectionUnlessPrivateNetworksAreAllowed() {
    remote.stubFor(get(urlEqualTo("/rec/a")).willReturn(aResponse().withBody("bytes")));

    assertRefused(
        fetch(fetcher(OutboundConfig.defaults()), local("/rec/a"), Map.of()),
        FetchRefusedException.ADDRESS);
    remote.verify(0, getRequestedFor(urlEqualTo("/rec/a")));

    GuardedFetcher open = fetcher(new OutboundConfig(true, null, null, null));
    assertThat(await(fetch(open, local("/rec/a"), Map.of())).status()).isEqualTo(200);
  }

  @Test
  void theCloudMetadataAddressIsRefusedEvenWhenAPrefixNamesIt() {
    GuardedFetcher f = fetcher(new OutboundConfig(false, List.of("localhost"), null, null));
    Future<Fetched> metadata =
        f.get(
            "test",
            "http://169.254.169.254/latest/meta-data/iam/",
            List.of("http://169.254.169.254/"),
            Map.of(),
            1024,
            5_000);
    assertRefused(metadata, FetchRefusedException.ADDRESS);
  }

  @Test
  void credentialsAreNotSentAcrossOriginsAndRedirectsAreBounded() {
    remote.stubFor(get(urlEqualTo("/rec/auth")).willReturn(redirect(internal("/rec/next"))));
    remote.stubFor(get(urlEqualTo("/rec/next")).willReturn(aResponse().withBody("ok")));
    remote.stubFor(get(urlEqualTo("/rec/loop")).willReturn(redirect(local("/rec/loop"))));
    GuardedFetcher f = fetcher(new OutboundConfig(true, null, 2, null));
    Future<Fetched> auth =
        f.get(
            "test",
            local("/rec/auth"),
            List.of(local("/rec/"), internal("/rec/")),
            Map.of("Authorization", "Basic c2VjcmV0"),
            1024,
            5_000);

    assertThat(await(auth).body().toString()).isEqualTo("ok");
    remote.verify(
        getRequestedFor(urlEqualTo("/rec/auth"))
            .withHeader("Authorization", equalTo("Basic c2VjcmV0")));
    remote.verify(getRequestedFor(urlEqualTo("/rec/next")).withHeader("Authorization", absent()));
    assertRefused(fetch(f, local("/rec/loop"), Map.of()), FetchRefusedException.TOO_MANY_REDIRECTS);
    remote.verify(3, getRequestedFor(urlEqualTo("/rec/loop")));
  }

  @Test
  void httpsGoesToTheCheckedAddressWithTheUrlsHostForTlsAndTheHostHeader() {
    WireMockServer tls = new WireMockServer(wireMockConfig().dynamicHttpsPort().httpDisabled(true));
    tls.start();
    try {
      tls.stubFor(
          get(urlEqualTo("/rec/tls"))
              .withHeader("Host", equalTo("localhost:" + tls.httpsPort()))
              .willReturn(aResponse().withBody("over tls")));
      String base = "https://localhost:" + tls.httpsPort();
      OutboundConfig outbound = new OutboundConfig(false, List.of("localhost"), null, null);
      // WireMock's certificate does not name localhost: the host name is verified against the
      // URL's host although the connection goes to the checked address 127.0.0.1
      GuardedFetcher verifying =
          new GuardedFetcher(vertx, new HttpClientOptions().setTrustAll(true), outbound, metrics);
      assertThatThrownBy(
              () ->
                  await(
                      verifying.get(
                          "test", base + "/rec/tls", List.of(base + "/"), Map.of(), 64, 5_000)))
          .hasStackTraceContaining("No name matching localhost");

      GuardedFetcher f =
          new GuardedFetcher(
              vertx,
              new HttpClientOptions().setTrustAll(true).setVerifyHost(false),
              outbound,
              metrics);
      Future<Fetched> r =
          f.get("test", base + "/rec/tls", List.of(base + "/rec/"), Map.of(), 64, 5_000);

      assertThat(await(r).body().toString()).isEqualTo("over tls");
    } finally {
      tls.stop();
    }
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    remote.stubFor(get(urlEqualTo("/rec/big")).willReturn(aResponse().withBody(new byte[4096])));
    GuardedFetcher f = fetcher(new OutboundConfig(true, null, null, null));
    assertRefused(fetch(f, local("/rec/big"), Map.of()), FetchRefusedException.TOO_LARGE);
  }

  private GuardedFetcher fetcher(OutboundConfig config) {
    return new GuardedFetcher(vertx, config, metrics);
  }

  private static Future<Fetched> fetch(GuardedFetcher f, String url, Map<String, String> headers) {
    return f.get("test", url, List.of(local("/rec/")), headers, 1024, 5_000);
  }

  private static String local(String path) {
    return "http://localhost:" + remote.getPort() + path;
  }

  private static String internal(String path) {
    return "http://127.0.0.1:" + remote.getPort() + path;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder redirect(
      String to) {
    return aResponse().withStatus(302).withHeader("Location", to);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRefused(Future<?> f, String reason) {
    assertThatThrownBy(() -> f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
