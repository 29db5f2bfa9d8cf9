package cn.gov12345.intake.http;

import cn.gov12345.intake.error.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * The one error body (RFC 9457 problem details): {@code type}, {@code title}, {@code status},
 * {@code detail}, plus the stable {@code code} and the request's {@code correlationId}.
 */
public final class Problem {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "urn:cn-gov12345:intake:error:";

  private Problem() {}

  public static String body(ErrorCode code, String detail, String correlationId) {
    return new JsonObject()
        .put("type", TYPE_BASE + code.code())
        .put("title", code.code().replace('_', ' '))
        .put("status", code.status())
        .put("code", code.code())
        .put("detail", detail)
        .put("correlationId", correlationId)
        .encode();
  }
}
