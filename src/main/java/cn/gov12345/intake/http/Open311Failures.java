package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.channel.open311.Open311Format;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures of the Open311 routes in the GeoReport v2 error format ({@code
 * [{"code":400,"description":"…"}]}, or {@code <errors>} for {@code .xml}): the same codes and
 * sentences as {@link FailureHandler}, except that a missing or wrong {@code api_key} is 403 as the
 * GeoReport spec has it.
 */
final class Open311Failures implements Handler<RoutingContext> {

  private final IntakeMetrics metrics;
  private final long retryAfterSeconds;

  Open311Failures(IntakeMetrics metrics, long retryAfterSeconds) {
    this.metrics = metrics;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String cid = Correlation.of(ctx);
    if (FailureHandler.clientGone(ctx, cid)) {
      return;
    }
    FailureHandler.Refusal refusal = FailureHandler.Refusal.of(ctx);
    ErrorCode code = refusal.code();
    String detail = refusal.detail();
    FailureHandler.log(ctx, cid, code, detail);
    metrics.rejected(Open311Channel.NAME, code.code());
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    int status = code == ErrorCode.INVALID_API_KEY ? 403 : code.status();
    Open311Format format = Open311Format.of(ctx.normalizedPath().endsWith(".xml") ? "xml" : "json");
    response.setStatusCode(status).putHeader("Content-Type", format.contentType());
    FailureHandler.headers(ctx, code, retryAfterSeconds);
    response.end(format.error(status, detail));
  }
}
