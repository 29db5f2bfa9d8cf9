package cn.gov12345.intake.fetch;

import cn.gov12345.intake.config.OutboundConfig;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs a URL under a {@link FetchPolicy}, the one way the gateway downloads what an outside party
 * named (call recordings, WeChat media). Per hop: the URL rules; the host resolved once (JDK
 * resolver, off the event loop) and <em>every</em> address checked; then the connection opened to
 * exactly that checked address ({@link RequestOptions#setServer}) with the URL's host as {@code
 * Host} and TLS server name, so a DNS answer that changes between check and connect (rebinding)
 * cannot move the request to another address. Redirects (301, 302, 303, 307, 308) are followed by
 * hand, at most {@code outbound.maxRedirects}, each target checked like the first URL; the {@code
 * Authorization} header is dropped when a redirect leaves the origin. The body is read up to a
 * limit. A refusal fails with {@link FetchRefusedException}, is logged with its host only and
 * counted as {@code intake_outbound_refused_total{purpose,reason}}.
 */
public final class GuardedFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedFetcher.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Vertx vertx;
  private final HttpClient http;
  private final OutboundConfig config;
  private final IntakeMetrics metrics;

  public GuardedFetcher(Vertx vertx, OutboundConfig config, IntakeMetrics metrics) {
    this(vertx, new HttpClientOptions(), config, metrics);
  }

  /** With client options of its own (tests: a trust store for a local TLS server). */
  GuardedFetcher(
      Vertx vertx, HttpClientOptions options, OutboundConfig config, IntakeMetrics metrics) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(options);
    this.config = config;
    this.metrics = metrics;
  }

  /** The final (non-redirect) answer: status, declared type and the body read. */
  public record Fetched(int status, String contentType, Buffer body) {}

  /**
   * Fetches {@code url}.
   *
   * @param purpose what is fetched ({@code recording}, {@code wechat_media}), for logs and metrics
   * @param prefixes the allowed URL prefixes
   * @param headers request headers ({@code Authorization} only to the first URL's origin)
   * @param maxBytes larger bodies fail with {@link FetchRefusedException#TOO_LARGE}
   * @param timeoutMs the whole fetch, all hops
   * @return the final answer of any status; fails with {@link FetchRefusedException} when the
   *     policy refused, with the client's exception on network trouble
   */
  public Future<Fetched> get(
      String purpose,
      String url,
      List<String> prefixes,
      Map<String, String> headers,
      long maxBytes,
      long timeoutMs) {
    FetchPolicy policy = FetchPolicy.of(config, prefixes);
    return Future.<URI>succeededFuture()
        .map(v -> policy.check(url))
        .compose(uri -> hop(policy, uri, headers, maxBytes, timeoutMs, 0))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onFailure(
            e -> {
              if (e instanceof FetchRefusedException r) {
                LOG.warn("[fetch] {} refused ({}): {}", purpose, r.reason(), r.getMessage());
                metrics.outboundRefused(purpose, r.reason());
              }
            });
  }

  private Future<Fetched> hop(
      FetchPolicy policy,
      URI uri,
      Map<String, String> headers,
      long maxBytes,
      long timeoutMs,
      int hops) {
    String host = bare(uri.getHost());
    return vertx
        .executeBlocking(() -> InetAddress.getAllByName(host), false)
        .map(
            all -> {
              for (InetAddress a : all) {
                policy.checkAddress(host, a);
              }
              return all[0];
            })
        .compose(address -> send(uri, address, headers, maxBytes, timeoutMs))
        .compose(
            r -> {
              if (!r.redirect()) {
                return Future.succeededFuture(r.fetched());
              }
              if (hops >= policy.maxRedirects()) {
                throw new FetchRefusedException(
                    FetchRefusedException.TOO_MANY_REDIRECTS, "more than " + hops + " redirects");
              }
              URI next = policy.checkRedirect(uri, r.location());
              Map<String, String> nextHeaders = new HashMap<>(headers);
              if (!FetchPolicy.sameOrigin(uri, next)) {
                nextHeaders.keySet().removeIf(h -> h.equalsIgnoreCase("Authorization"));
              }
              return hop(policy, next, nextHeaders, maxBytes, timeoutMs, hops + 1);
            });
  }

  private Future<Answer> send(
      URI uri, InetAddress address, Map<String, String> headers, long maxBytes, long timeoutMs) {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = FetchPolicy.port(uri);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(bare(uri.getHost()))
            .setPort(port)
            .setSsl(tls)
            .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
            .setFollowRedirects(false)
            .setConnectTimeout(config.connectTimeout().toMillis())
            .setIdleTimeout(timeoutMs)
            .putHeader(HttpHeaders.USER_AGENT, "12345-intake-gateway");
    headers.forEach(options::putHeader);
    return http.request(options)
        .compose(req -> req.send())
        .compose(
            resp -> {
              String location = resp.getHeader(HttpHeaders.LOCATION);
              if (REDIRECTS.contains(resp.statusCode()) && location != null) {
                return resp.body().map(b -> new Answer(null, location));
              }
              return body(resp, maxBytes)
                  .map(
                      b ->
                          new Answer(
                              new Fetched(
                                  resp.statusCode(), resp.getHeader(HttpHeaders.CONTENT_TYPE), b),
                              null));
            });
  }

  /** Reads a body, failing (and resetting the stream) once it passes {@code maxBytes}. */
  private static Future<Buffer> body(HttpClientResponse resp, long maxBytes) {
    String declared = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
      resp.request().reset();
      return Future.failedFuture(tooLarge(maxBytes));
    }
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    resp.handler(
        chunk -> {
          if (body.length() + (long) chunk.length() > maxBytes) {
            done.tryFail(tooLarge(maxBytes)); // first: the reset fails the stream too
            resp.request().reset();
          } else {
            body.appendBuffer(chunk);
          }
        });
    resp.exceptionHandler(done::tryFail);
    resp.endHandler(v -> done.tryComplete(body));
    return done.future();
  }

  private static FetchRefusedException tooLarge(long maxBytes) {
    return new FetchRefusedException(
        FetchRefusedException.TOO_LARGE, "the body is larger than " + maxBytes + " bytes");
  }

  /** An IPv6 literal host without its brackets. */
  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  public Future<Void> close() {
    return http.close();
  }

  private record Answer(Fetched fetched, String location) {
    boolean redirect() {
      return fetched == null;
    }
  }
}
