package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.reply.SendOutcome;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.function.Function;

/**
 * One POST to an SMS provider, in two phases that decide what a failure means. Getting a request (a
 * pooled or new connection, within the connect timeout) may fail: nothing was written, so the
 * attempt is {@code RETRY}. Once the request exists, any failure — no answer within the timeout, a
 * connection lost — may follow a message the provider took: {@code UNKNOWN}, never resent. (A
 * {@code WebClient} reports a connect timeout and an answer timeout alike, as a {@code
 * TimeoutException}; the two phases keep them apart.) Redirects are not followed.
 */
final class SmsHttp {

  /** What the provider answered: the status, its {@code Retry-After}, the body. */
  record Answer(int status, String retryAfter, Buffer body) {}

  private static final long MAX_CONNECT_MILLIS = 5000;

  private final HttpClient client;

  SmsHttp(HttpClient client) {
    this.client = client;
  }

  /** Posts {@code body}; never fails: every failure is an outcome (see the class comment). */
  Future<SendOutcome> post(
      String url,
      MultiMap headers,
      Buffer body,
      Duration timeout,
      Function<Answer, SendOutcome> classify) {
    long millis = timeout.toMillis();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setFollowRedirects(false)
            .setConnectTimeout(Math.min(millis, MAX_CONNECT_MILLIS));
    Future<HttpClientRequest> request;
    try {
      request = client.request(options);
    } catch (RuntimeException e) {
      return Future.succeededFuture(SmsOutcomes.notConnected(e));
    }
    return request
        .compose(
            r -> exchange(r, headers, body, millis, classify),
            e -> Future.succeededFuture(SmsOutcomes.notConnected(e)))
        .otherwise(SmsOutcomes::noAnswer);
  }

  private static Future<SendOutcome> exchange(
      HttpClientRequest request,
      MultiMap headers,
      Buffer body,
      long millis,
      Function<Answer, SendOutcome> classify) {
    request.headers().addAll(headers);
    request.idleTimeout(millis);
    return request
        .send(body)
        .compose(
            response ->
                response
                    .body()
                    .map(
                        answer ->
                            classify.apply(
                                new Answer(
                                    response.statusCode(),
                                    response.getHeader("Retry-After"),
                                    answer))));
  }
}
