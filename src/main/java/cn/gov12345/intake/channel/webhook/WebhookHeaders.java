package cn.gov12345.intake.channel.webhook;

/**
 * The Standard Webhooks headers of one request, as received (any may be null).
 *
 * @param id {@code webhook-id}
 * @param timestamp {@code webhook-timestamp}
 * @param signature {@code webhook-signature}
 */
public record WebhookHeaders(String id, String timestamp, String signature) {}
