package cn.gov12345.intake.reply;

import java.time.Instant;
import java.util.Map;

/**
 * One message to one citizen, as a sender gets it.
 *
 * @param replyId the reply's id (a UUID; the same on every attempt and every sender of the chain,
 *     so a vendor that deduplicates by a caller id gets it as that id)
 * @param ticketId the ticket's id
 * @param trackingNumber the ticket's tracking number (受理编号)
 * @param channel the channel the ticket came in on ({@code wechat}, {@code telephony}, …)
 * @param account the channel account the citizen used (a WeChat account name, a Twilio account …)
 * @param address where the citizen can be reached
 * @param lastInteraction when the citizen last wrote or called (WeChat's 48-hour window), or null
 * @param kind what the message is: {@code receipt}, {@code progress}, {@code answer}, {@code
 *     request_info}, {@code survey}
 * @param text the text to send (already rendered from the template; zh-CN by default)
 * @param params the values a vendor template takes ({@code trackingNumber}, {@code queryCode},
 *     {@code status}, {@code text}, …), for senders that must send registered templates (SMS in
 *     China, WeChat template messages)
 * @param urgent whether quiet hours may be ignored
 */
public record OutboundMessage(
    String replyId,
    String ticketId,
    String trackingNumber,
    String channel,
    String account,
    ReplyAddress address,
    Instant lastInteraction,
    String kind,
    String text,
    Map<String, String> params,
    boolean urgent) {

  public OutboundMessage {
    params = Map.copyOf(params);
  }

  @Override
  public String toString() {
    return "OutboundMessage[replyId="
        + replyId
        + ", channel="
        + channel
        + ", kind="
        + kind
        + ", address="
        + address
        + "]";
  }
}
