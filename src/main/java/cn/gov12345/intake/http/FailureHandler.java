package cn.gov12345.intake.http;

import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.IntakeException;
import cn.gov12345.intake.error.RateLimitedException;
import cn.gov12345.intake.log.LogLimiter;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: an {@link IntakeException} answers its own status and
 * code; a status set by Vert.x Web (413 from the body limit, 404, 405) gets the matching code;
 * anything else is a bug and answers 500 without detail.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  /** Routing-context key naming the channel a request was for (for metrics). */
  public static final String CHANNEL = "channel";

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  /** One WARN/ERROR line per kind of fault per interval; every refusal is still counted. */
  private static final LogLimiter REPEATS =
      new LogLimiter(TimeUnit.SECONDS.toNanos(10), System::nanoTime);

  private final IntakeMetrics metrics;
  private final long retryAfterSeconds;

  public FailureHandler(IntakeMetrics metrics, long retryAfterSeconds) {
    this.metrics = metrics;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String cid = Correlation.of(ctx);
    if (clientGone(ctx, cid)) {
      return;
    }
    Refusal refusal = Refusal.of(ctx);
    ErrorCode code = refusal.code();
    String detail = refusal.detail();
    log(ctx, cid, code, detail);
    String channel = ctx.get(CHANNEL);
    metrics.rejected(channel == null ? "none" : channel, code.code());
    respond(ctx, cid, code, detail);
  }

  /**
   * Whether the client went away mid-request (a phone losing signal during an upload): nobody to
   * answer, nothing unexpected.
   */
  static boolean clientGone(RoutingContext ctx, String cid) {
    if (ctx.failure() instanceof HttpClosedException) {
      LOG.debug("[{}] client closed the connection during {}", cid, shownPath(ctx));
      return true;
    }
    return false;
  }

  /**
   * The path as logs show it: its first three segments only ({@code /channels/telephony/zammad}),
   * because later ones can be secrets (a PBX integration's token) or ids; the correlation id finds
   * the request.
   */
  static String shownPath(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    int cut = 0;
    for (int i = 0; i < 3 && cut >= 0; i++) {
      cut = path.indexOf('/', cut + 1);
    }
    return cut < 0 ? path : path.substring(0, cut) + "/…";
  }

  static void log(RoutingContext ctx, String cid, ErrorCode code, String detail) {
    Throwable failure = ctx.failure();
    if (code == ErrorCode.INTERNAL) {
      long suppressed = REPEATS.admit(code.code());
      if (suppressed >= 0) {
        LOG.error(
            "[{}] unexpected failure on {} {} ({} more since the last line)",
            cid,
            ctx.request().method(),
            shownPath(ctx),
            suppressed,
            failure);
      }
    } else if (code == ErrorCode.STORE_UNAVAILABLE) {
      long suppressed = REPEATS.admit(code.code());
      if (suppressed >= 0) {
        LOG.warn(
            "[{}] store unavailable: {} ({} more since the last line)",
            cid,
            failure == null || failure.getCause() == null ? "-" : failure.getCause().toString(),
            suppressed);
      }
    } else {
      LOG.debug("[{}] refused {}: {}", cid, code.code(), detail);
    }
  }

  private void respond(RoutingContext ctx, String cid, ErrorCode code, String detail) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    response.setStatusCode(code.status()).putHeader("Content-Type", Problem.CONTENT_TYPE);
    headers(ctx, code, retryAfterSeconds);
    response.end(Problem.body(code, detail, cid));
  }

  /** The headers a refusal carries whatever its body format: Retry-After, WWW-Authenticate, … */
  static void headers(RoutingContext ctx, ErrorCode code, long retryAfterSeconds) {
    HttpServerResponse response = ctx.response();
    if (code == ErrorCode.STORE_UNAVAILABLE || code == ErrorCode.INSUFFICIENT_STORAGE) {
      response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
    if (code == ErrorCode.IDEMPOTENCY_KEY_IN_USE) {
      response.putHeader("Retry-After", "1");
    }
    if (code == ErrorCode.UPLOAD_QUOTA_EXCEEDED) {
      // a slot frees when an open upload completes, is terminated or expires: a hint, not a promise
      response.putHeader("Retry-After", "60");
    }
    if (code == ErrorCode.INVALID_TOKEN || code == ErrorCode.TOKEN_EXPIRED) {
      // RFC 6750 section 3: tells the app to get a new token
      response.putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    if (ctx.failure() instanceof RateLimitedException limited) {
      response.putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
    }
    if (code == ErrorCode.BODY_TOO_LARGE) {
      response.putHeader("Connection", "close");
    }
  }

  /** A failure as the client is told it: the stable code and the human sentence. */
  record Refusal(ErrorCode code, String detail) {

    /** An {@link IntakeException} speaks for itself; a status set by Vert.x Web gets its code. */
    static Refusal of(RoutingContext ctx) {
      Throwable failure = ctx.failure();
      if (failure instanceof IntakeException e) {
        return new Refusal(e.errorCode(), e.getMessage());
      }
      int status = failure instanceof HttpException h ? h.getStatusCode() : ctx.statusCode();
      ErrorCode code = fromStatus(status);
      return new Refusal(code, describe(code));
    }
  }

  static ErrorCode fromStatus(int status) {
    return switch (status) {
      case 400 -> ErrorCode.MALFORMED_JSON;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.BODY_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> ErrorCode.INTERNAL;
    };
  }

  static String describe(ErrorCode code) {
    return switch (code) {
      case MALFORMED_JSON -> "The request could not be read.";
      case FORBIDDEN -> "This request is not allowed.";
      case NOT_FOUND -> "There is nothing at this address.";
      case METHOD_NOT_ALLOWED -> "This address does not take that method.";
      case BODY_TOO_LARGE -> "The body is larger than this endpoint accepts.";
      case UNSUPPORTED_MEDIA_TYPE -> "This endpoint does not take that content type.";
      default -> "Something went wrong on our side; the request was not accepted.";
    };
  }
}
