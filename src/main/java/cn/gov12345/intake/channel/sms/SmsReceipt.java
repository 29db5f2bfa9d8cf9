package cn.gov12345.intake.channel.sms;

import java.time.Instant;

/**
 * One delivery receipt (status report) for a sent SMS, as the provider reported it. It never holds
 * the phone number: a receipt is matched to its reply by {@code replyId} (Alibaba's {@code out_id},
 * which the gateway set to the reply id when sending) and checked against the {@code
 * vendorMessageId} the send recorded.
 *
 * @param replyId the reply the message carried; empty when the provider reported none (a message
 *     the gateway did not send)
 * @param vendorMessageId the provider's id of the message (Alibaba's {@code biz_id}), or empty
 * @param delivered whether the handset received it
 * @param errorCode the provider's or carrier's status code when it was not delivered ({@code
 *     MK:0001}, {@code UNDELIV} …), else empty
 * @param reportedAt when the provider got the carrier's report
 */
public record SmsReceipt(
    String replyId,
    String vendorMessageId,
    boolean delivered,
    String errorCode,
    Instant reportedAt) {}
