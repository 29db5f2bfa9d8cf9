package cn.gov12345.intake.config;

/**
 * Every channel's settings.
 *
 * @param webhook signed webhooks from partner systems
 * @param wechat WeChat official accounts (optional: none configured = no accounts)
 * @param telephony call centers and PBXs (optional: none configured = no integrations)
 * @param app the mobile app's submissions and uploads
 * @param web the citizen web form (optional: absent = the defaults)
 * @param open311 Open311 GeoReport v2 clients and services (optional: none = every request 403)
 * @param sms inbound SMS integrations (optional: none configured = no integrations)
 */
public record ChannelsConfig(
    WebhookChannelConfig webhook,
    WechatChannelConfig wechat,
    TelephonyChannelConfig telephony,
    AppChannelConfig app,
    WebChannelConfig web,
    Open311ChannelConfig open311,
    SmsChannelConfig sms) {

  public ChannelsConfig {
    wechat = wechat == null ? WechatChannelConfig.none() : wechat;
    telephony = telephony == null ? TelephonyChannelConfig.none() : telephony;
    web = web == null ? WebChannelConfig.defaults() : web;
    open311 = open311 == null ? Open311ChannelConfig.none() : open311;
    sms = sms == null ? SmsChannelConfig.none() : sms;
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
    web.validate(p, production);
    open311.validate(p, production);
    sms.validate(p, production);
  }
}
