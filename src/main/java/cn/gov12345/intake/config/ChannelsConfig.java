package cn.gov12345.intake.config;

/**
 * Every channel's settings.
 *
 * @param webhook signed webhooks from partner systems
 * @param wechat WeChat official accounts (optional: none configured = no accounts)
 * @param telephony call centers and PBXs (optional: none configured = no integrations)
 * @param app the mobile app's submissions and uploads
 */
public record ChannelsConfig(
    WebhookChannelConfig webhook,
    WechatChannelConfig wechat,
    TelephonyChannelConfig telephony,
    AppChannelConfig app) {

  public ChannelsConfig {
    wechat = wechat == null ? WechatChannelConfig.none() : wechat;
    telephony = telephony == null ? TelephonyChannelConfig.none() : telephony;
  }

  void validate(Problems p, boolean production) {
    if (webhook == null) {
      p.add("channels.webhook", "is required");
    } else {
      webhook.validate(p, production);
    }
    wechat.validate(p, production);
    telephony.validate(p, production);
    if (app == null) {
      p.add("channels.app", "is required");
    } else {
      app.validate(p, production);
    }
  }
}
