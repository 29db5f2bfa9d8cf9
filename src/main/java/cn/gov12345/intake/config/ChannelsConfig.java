package cn.gov12345.intake.config;

/**
 * Every channel's settings.
 *
 * @param webhook signed webhooks from partner systems
 * @param wechat WeChat official accounts (optional: none configured = no accounts)
 * @param web the citizen web form (optional: absent = the defaults)
 */
public record ChannelsConfig(
    WebhookChannelConfig webhook, WechatChannelConfig wechat, WebChannelConfig web) {

  public ChannelsConfig {
    wechat = wechat == null ? WechatChannelConfig.none() : wechat;
    web = web == null ? WebChannelConfig.defaults() : web;
  }

  void validate(Problems p, boolean production) {
    if (webhook == null) {
      p.add("channels.webhook", "is required");
    } else {
      webhook.validate(p, production);
    }
    wechat.validate(p, production);
    web.validate(p, production);
  }
}
