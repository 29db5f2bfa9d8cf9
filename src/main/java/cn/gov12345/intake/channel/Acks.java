package cn.gov12345.intake.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answers channels share: the JSON of an accepted or duplicate message. */
public final class Acks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Acks() {}

  /**
   * 202 for a new message, 200 with the ORIGINAL ids for a duplicate (a sender's retry is a
   * success): {@code {"status", "messageId", "ticketId", "trackingNumber", "queryCode"}}.
   */
  public static Ack accepted(Accepted accepted) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("status", accepted.duplicate() ? "duplicate" : "accepted")
            .put("messageId", accepted.messageId());
    if (accepted.ticketId() != null) {
      body.put("ticketId", accepted.ticketId()).put("trackingNumber", accepted.trackingNumber());
      if (accepted.queryCode() != null) {
        body.put("queryCode", accepted.queryCode());
      }
    }
    return Ack.json(accepted.duplicate() ? 200 : 202, body.toString());
  }
}
