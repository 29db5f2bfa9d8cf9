package cn.gov12345.intake.reply;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code data} of {@code reply.sent.v1}, {@code reply.failed.v1} and {@code reply.delivered.v1}:
 * what became of one reply on one sender. Holds no address and no text.
 *
 * @param replyId the reply
 * @param ticketId the ticket
 * @param trackingNumber its tracking number
 * @param sender the sender ({@code wechat_custom}, {@code sms}, …)
 * @param at when it happened
 * @param vendorCode the vendor's error code (failed, and a failed delivery receipt), or null
 * @param vendorMessageId the vendor's id of the message (sent, delivered), or null
 * @param error a short reason without personal data (failed), or null
 * @param nextTried failed: whether the next sender of the chain is tried
 * @param delivered delivered: whether the vendor reports the message delivered to the handset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyOutcome(
    String replyId,
    String ticketId,
    String trackingNumber,
    String sender,
    String at,
    String vendorCode,
    String vendorMessageId,
    String error,
    Boolean nextTried,
    Boolean delivered) {}
