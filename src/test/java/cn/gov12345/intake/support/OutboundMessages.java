package cn.gov12345.intake.support;

import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import java.time.Instant;
import java.util.Map;

/** Outbound messages for sender tests: one reply of ticket 261126000000015 on account city. */
public final class OutboundMessages {

  public static final String REPLY_ID = "7f0c2f4e-5d55-4c2a-9a43-2b1f6f0d9e11";
  public static final String TICKET_ID = "01JD7Q9X3M2K8V5T4R6N0P1B2C";
  public static final String TRACKING = "261126000000015";
  public static final String TEXT = "您的诉求已受理，编号 261126000000015";

  private OutboundMessages() {}

  /** A WeChat reply to {@code openid} whose citizen last wrote at {@code lastInteraction}. */
  public static OutboundMessage wechat(String openid, Instant lastInteraction, String kind) {
    return new OutboundMessage(
        REPLY_ID,
        TICKET_ID,
        TRACKING,
        "wechat",
        "city",
        new ReplyAddress(openid, null, null),
        lastInteraction,
        kind,
        TEXT,
        Map.of("trackingNumber", TRACKING, "queryCode", "K7Q2M9", "status", "已派单"),
        false);
  }

  /** An app reply to {@code appUser}. */
  public static OutboundMessage app(String appUser, String text, boolean urgent) {
    return new OutboundMessage(
        REPLY_ID,
        TICKET_ID,
        TRACKING,
        "app",
        "",
        new ReplyAddress(null, null, appUser),
        null,
        "answer",
        text,
        Map.of("trackingNumber", TRACKING),
        urgent);
  }
}
