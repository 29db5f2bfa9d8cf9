package cn.gov12345.intake.http;

import cn.gov12345.intake.stream.AppendResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The answer once the store confirmed: 202 for a new message, 200 with the ORIGINAL ids for a
 * duplicate (a sender's retry is a success).
 */
public final class AcceptedResponse {

  private AcceptedResponse() {}

  public static void send(RoutingContext ctx, AppendResult result) {
    ctx.response()
        .setStatusCode(result.duplicate() ? 200 : 202)
        .putHeader("Content-Type", "application/json")
        .end(body(result));
  }

  /** The JSON body; ids are UUIDs and tracking numbers digits, encoded like any other string. */
  static String body(AppendResult result) {
    JsonObject body =
        new JsonObject()
            .put("status", result.duplicate() ? "duplicate" : "accepted")
            .put("messageId", result.messageId());
    if (result.ticketId() != null) {
      body.put("ticketId", result.ticketId()).put("trackingNumber", result.trackingNumber());
    }
    return body.encode();
  }
}
