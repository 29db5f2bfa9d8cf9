package cn.gov12345.intake.channel.wechat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push signed (and in compatible/safe mode encrypted) exactly as WeChat's servers would send it,
 * for trying an account by hand ({@code intake-gateway wechat-push}).
 *
 * @param query the query parameters of the push URL, in order
 * @param body the XML body
 */
public record WechatSamplePush(Map<String, String> query, String body) {

  /**
   * Signs {@code xml} for an account.
   *
   * @param token the account's server token
   * @param appId the account's AppID (checked inside the ciphertext)
   * @param encodingAesKey the 43-character key; null or empty = plaintext mode
   * @param random16 16 bytes put before the XML in the ciphertext
   */
  public static WechatSamplePush sign(
      String token,
      String appId,
      String encodingAesKey,
      String xml,
      String openid,
      long timestamp,
      String nonce,
      byte[] random16) {
    String ts = Long.toString(timestamp);
    Map<String, String> query = new LinkedHashMap<>();
    query.put(WechatQuery.SIGNATURE, WechatCrypto.signature(token, ts, nonce));
    query.put(WechatQuery.TIMESTAMP, ts);
    query.put(WechatQuery.NONCE, nonce);
    query.put("openid", openid);
    if (encodingAesKey == null || encodingAesKey.isEmpty()) {
      return new WechatSamplePush(query, xml);
    }
    String encrypt = new WechatCrypto(encodingAesKey, appId).encrypt(random16, xml);
    query.put(WechatQuery.ENCRYPT_TYPE, "aes");
    query.put(WechatQuery.MSG_SIGNATURE, WechatCrypto.signature(token, ts, nonce, encrypt));
    String body =
        "<xml><ToUserName><![CDATA["
            + appId
            + "]]></ToUserName><Encrypt><![CDATA["
            + encrypt
            + "]]></Encrypt></xml>";
    return new WechatSamplePush(query, body);
  }
}
