package cn.gov12345.intake.channel.wechat.io;

import io.vertx.core.Future;

/**
 * Outbound port: a customer-service (客服) text message to a citizen on an official account. Other
 * parts (status notifications, agents' answers) use it; it is not exposed over HTTP.
 */
public interface CustomerServiceSender {

  /**
   * Sends {@code content} to {@code openid}. Never fails: every outcome is a {@link SendResult}.
   *
   * @param account the account name ({@code channels.wechat.accounts.<name>})
   */
  Future<SendResult> sendText(String account, String openid, String content);
}
