package cn.gov12345.intake.stream;

/**
 * What the store answered: either a fresh append or the original of a duplicate.
 *
 * @param duplicate true when the dedup key existed and nothing was written
 * @param messageId the (original) message id
 * @param ticketId the (original) ticket id, or null when no ticket was opened
 * @param trackingNumber the (original) tracking number, or null
 */
public record AppendResult(
    boolean duplicate, String messageId, String ticketId, String trackingNumber) {}
