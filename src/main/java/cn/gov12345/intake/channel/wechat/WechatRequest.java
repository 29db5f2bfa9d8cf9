package cn.gov12345.intake.channel.wechat;

import cn.gov12345.intake.model.Inbound;

/**
 * One authenticated WeChat push, read: the message, and what a passive reply needs.
 *
 * @param inbound the normalized message
 * @param account the account name
 * @param encrypted whether the push was encrypted (the reply is encrypted then)
 * @param timestamp the signed timestamp of the request
 * @param nonce the nonce of the request
 * @param openid the sender (the reply's ToUserName); personal data, never logged
 * @param officialAccount the account's original id (the reply's FromUserName)
 * @param createTime the message's CreateTime (reused in the reply, so retries answer the same)
 */
public record WechatRequest(
    Inbound inbound,
    String account,
    boolean encrypted,
    String timestamp,
    String nonce,
    String openid,
    String officialAccount,
    String createTime) {

  @Override
  public String toString() {
    return "WechatRequest[" + inbound + ", encrypted=" + encrypted + "]";
  }
}
