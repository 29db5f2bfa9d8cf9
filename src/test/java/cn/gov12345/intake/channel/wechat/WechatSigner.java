package cn.gov12345.intake.channel.wechat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Signs and encrypts pushes the way WeChat does, for tests: the query string with {@code signature}
 * (and {@code msg_signature} in safe mode) and the encrypted envelope.
 */
public final class WechatSigner {

  /** Token of every test account. */
  public static final String TOKEN = "pamtest";

  /** The public test EncodingAESKey of WeChat's sample code. */
  public static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  /** AppID of WeChat's public test vector. */
  public static final String APP_ID = "wxb11529c136998cb6";

  private final String token;
  private final WechatCrypto crypto;

  public WechatSigner(String token, String aesKey, String appId) {
    this.token = token;
    this.crypto = new WechatCrypto(aesKey, appId);
  }

  /** The signer of the test accounts. */
  public static WechatSigner test() {
    return new WechatSigner(TOKEN, AES_KEY, APP_ID);
  }

  /** The query string of a plaintext push or a URL verification. */
  public String plainQuery(long timestamp, String nonce) {
    return "signature="
        + WechatCrypto.signature(token, Long.toString(timestamp), nonce)
        + "&timestamp="
        + timestamp
        + "&nonce="
        + nonce;
  }

  /** The query string of a safe-mode push of an envelope holding {@code encrypt}. */
  public String safeQuery(long timestamp, String nonce, String encrypt) {
    return plainQuery(timestamp, nonce)
        + "&openid=oTEST&encrypt_type=aes&msg_signature="
        + WechatCrypto.signature(token, Long.toString(timestamp), nonce, encrypt);
  }

  /** Encrypts inner XML with fixed "random" bytes (any 16 bytes do). */
  public String encrypt(String xml) {
    return crypto.encrypt("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), xml);
  }

  /** Decrypts a reply's Encrypt value. */
  public String decrypt(String encrypt) {
    return new String(crypto.decrypt(encrypt), StandardCharsets.UTF_8);
  }

  /** The envelope WeChat posts in safe mode. */
  public static String envelope(String toUser, String encrypt) {
    return "<xml><ToUserName><![CDATA["
        + toUser
        + "]]></ToUserName><Encrypt><![CDATA["
        + encrypt
        + "]]></Encrypt></xml>";
  }

  /** Reads a query string the way the route does. */
  public static WechatQuery parse(String queryString) {
    Map<String, String> p = new HashMap<>();
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      p.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return new WechatQuery(
        p.get(WechatQuery.SIGNATURE),
        p.get(WechatQuery.TIMESTAMP),
        p.get(WechatQuery.NONCE),
        p.get(WechatQuery.ECHOSTR),
        p.get(WechatQuery.ENCRYPT_TYPE),
        p.get(WechatQuery.MSG_SIGNATURE));
  }

  /** A text message from an openid. */
  public static String text(String openid, long createTime, long msgId, String content) {
    return message(
        openid,
        createTime,
        "text",
        "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId>");
  }

  /** Any message: the common head plus type-specific fields. */
  public static String message(String openid, long createTime, String type, String fields) {
    return "<xml><ToUserName><![CDATA[gh_12345city]]></ToUserName><FromUserName><![CDATA["
        + openid
        + "]]></FromUserName><CreateTime>"
        + createTime
        + "</CreateTime><MsgType><![CDATA["
        + type
        + "]]></MsgType>"
        + fields
        + "</xml>";
  }
}
