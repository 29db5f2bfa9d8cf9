package cn.gov12345.intake.status;

/**
 * A ticket found by its id: where its status record is.
 *
 * @param partition the partition of its keys
 * @param trackingNumber its tracking number
 * @param ticketId its id
 * @param channel the channel it came in on
 */
public record Located(int partition, String trackingNumber, String ticketId, String channel) {}
