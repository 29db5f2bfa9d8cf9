package cn.gov12345.intake.model;

/**
 * Versioned CloudEvents {@code type} names; a breaking change of {@code data} gets a new version.
 */
public final class EventTypes {

  public static final String MESSAGE_RECEIVED = "cn.gov12345.intake.message.received.v1";
  public static final String TICKET_OPENED = "cn.gov12345.intake.ticket.opened.v1";
  public static final String TICKET_APPENDED = "cn.gov12345.intake.ticket.appended.v1";
  public static final String TICKET_STATUS = "cn.gov12345.intake.ticket.status.v1";

  public static final String REPLY_REQUESTED = "cn.gov12345.intake.reply.requested.v1";
  public static final String REPLY_SENT = "cn.gov12345.intake.reply.sent.v1";
  public static final String REPLY_DELIVERED = "cn.gov12345.intake.reply.delivered.v1";
  public static final String REPLY_FAILED = "cn.gov12345.intake.reply.failed.v1";
  public static final String CALLBACK_REQUESTED = "cn.gov12345.intake.callback.requested.v1";

  public static final String TICKET_RATED = "cn.gov12345.intake.ticket.rated.v1";
  public static final String TICKET_REOPEN_REQUESTED =
      "cn.gov12345.intake.ticket.reopen.requested.v1";

  private EventTypes() {}

  /** The JSON Schema file (under {@code schema/}) describing {@code data} of a type. */
  public static String schemaFile(String type) {
    return type.substring("cn.gov12345.intake.".length()) + ".json";
  }
}
