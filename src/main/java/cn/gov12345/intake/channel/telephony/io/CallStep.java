package cn.gov12345.intake.channel.telephony.io;

/**
 * One event for {@code call.lua}, everything precomputed except what only the script knows.
 *
 * @param partition the call's partition
 * @param account channel account ({@code vendor-integration})
 * @param vendor twilio, cti or zammad
 * @param callId the vendor call id
 * @param token the event's idempotency token within the call
 * @param kind the event kind code
 * @param messageId the message event id
 * @param message the message event JSON
 * @param facts the event's facts as JSON (see {@code call.lua})
 * @param citizen the citizen JSON
 * @param strength phone, anonymous or absent
 * @param pseudonym the partition key of the call's events
 * @param route the caller's reply route ({@code ""} = none: a withheld number)
 */
public record CallStep(
    int partition,
    String account,
    String vendor,
    String callId,
    String token,
    String kind,
    String messageId,
    byte[] message,
    String facts,
    String citizen,
    String strength,
    String pseudonym,
    String route) {}
