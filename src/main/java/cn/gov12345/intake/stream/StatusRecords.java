package cn.gov12345.intake.stream;

import java.nio.charset.StandardCharsets;

/**
 * The status record a ticket gets when it opens, written by the opening script next to the ticket
 * event: {@code {"ticketId","openedAt","channel","account","status":"received","history":[]}}. Only
 * what the 进度查询 lookup needs, no personal data; {@code status.lua} appends to {@code history}.
 */
public final class StatusRecords {

  private StatusRecords() {}

  /**
   * The record of a ticket that was just opened. Ticket id, time and channel are the gateway's own
   * (a UUID, an ISO instant, a channel name); the account (a configured name, a WeChat appid) is
   * escaped all the same.
   */
  public static byte[] opened(String ticketId, String openedAt, String channel, String account) {
    return opened(ticketId, openedAt, channel, account, null);
  }

  /**
   * The record of a ticket that was just opened for a configured service category (Open311's {@code
   * service_code}, from the gateway's own configuration, never free text), kept so a status read
   * can name the service; null = none.
   */
  public static byte[] opened(
      String ticketId, String openedAt, String channel, String account, String service) {
    String serviceField = service == null ? "" : ",\"service\":\"" + escape(service) + "\"";
    return ("{\"ticketId\":\""
            + ticketId
            + "\",\"openedAt\":\""
            + openedAt
            + "\",\"channel\":\""
            + channel
            + "\",\"account\":\""
            + escape(account)
            + "\""
            + serviceField
            + ",\"status\":\"received\",\"history\":[]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
