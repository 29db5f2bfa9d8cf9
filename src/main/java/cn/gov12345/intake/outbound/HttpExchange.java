package cn.gov12345.intake.outbound;

import cn.gov12345.intake.outbound.ExchangeException.Phase;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One POST whose failure says whether it was sent: the outbound senders (WeChat, the app backend)
 * must tell "could not connect, nothing went out — try again" from "written, no answer — the
 * message may be out, never repeat it". Vert.x reports a connect timeout and a response timeout
 * with the same exception class, so the phase is taken from the call structure, never from an
 * exception's class or message: a failure while the connection is obtained ({@link
 * HttpClient#request}) is {@link Phase#CONNECT}, any failure after it is {@link Phase#NO_ANSWER}.
 * Redirects are not followed (a 3xx is an answer).
 */
public final class HttpExchange {

  private final HttpClient http;

  public HttpExchange(HttpClient http) {
    this.http = http;
  }

  /** An HTTP answer of any status, its body read in full. */
  public record Answer(int status, MultiMap headers, Buffer body) {

    public boolean ok() {
      return status / 100 == 2;
    }

    public String header(String name) {
      return headers.get(name);
    }
  }

  /**
   * Posts {@code body}.
   *
   * @param timeoutMs bounds the connect and, separately, the wait for the complete answer
   * @return the answer of any status; fails only with {@link ExchangeException}
   */
  public Future<Answer> post(String url, Map<String, String> headers, Buffer body, long timeoutMs) {
    RequestOptions options;
    try {
      options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(url)
              .setFollowRedirects(false)
              .setConnectTimeout(timeoutMs);
    } catch (RuntimeException e) {
      return Future.failedFuture(new ExchangeException(Phase.CONNECT, e));
    }
    headers.forEach(options::putHeader);
    return http.request(options)
        .recover(e -> Future.failedFuture(new ExchangeException(Phase.CONNECT, e)))
        .compose(request -> exchange(request, body, timeoutMs));
  }

  private static Future<Answer> exchange(HttpClientRequest request, Buffer body, long timeoutMs) {
    return request
        .send(body)
        .compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.headers(), b)))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(
            e -> {
              request.reset();
              return Future.failedFuture(new ExchangeException(Phase.NO_ANSWER, e));
            });
  }
}
