package cn.gov12345.intake.channel.wechat.io;

import io.vertx.core.Future;

/** {@link CustomerServiceSender} through {@link WechatApi#sendText}. */
public final class WechatCustomerServiceSender implements CustomerServiceSender {

  private final WechatApi api;

  public WechatCustomerServiceSender(WechatApi api) {
    this.api = api;
  }

  @Override
  public Future<SendResult> sendText(String account, String openid, String content) {
    return api.sendText(account, openid, content)
        .map(v -> SendResult.sent())
        .otherwise(SendResult::of);
  }
}
