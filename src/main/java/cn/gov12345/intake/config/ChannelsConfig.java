package cn.gov12345.intake.config;

/**
 * Every channel's settings.
 *
 * @param webhook signed webhooks from partner systems
 */
public record ChannelsConfig(WebhookChannelConfig webhook) {

  void validate(Problems p, boolean production) {
    if (webhook == null) {
      p.add("channels.webhook", "is required");
    } else {
      webhook.validate(p, production);
    }
  }
}
