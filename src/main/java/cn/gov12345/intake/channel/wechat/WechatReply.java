package cn.gov12345.intake.channel.wechat;

/** Builds passive replies: a text message, and the safe-mode envelope around it. */
final class WechatReply {

  private WechatReply() {}

  /** The plaintext reply XML of a text message. */
  static String text(WechatRequest to, String content) {
    return "<xml><ToUserName>"
        + cdata(to.openid())
        + "</ToUserName><FromUserName>"
        + cdata(to.officialAccount())
        + "</FromUserName><CreateTime>"
        + to.createTime()
        + "</CreateTime><MsgType>"
        + cdata("text")
        + "</MsgType><Content>"
        + cdata(content)
        + "</Content></xml>";
  }

  /** The safe-mode envelope: Encrypt, MsgSignature, TimeStamp, Nonce. */
  static String envelope(String encrypt, String msgSignature, String timestamp, String nonce) {
    return "<xml><Encrypt>"
        + cdata(encrypt)
        + "</Encrypt><MsgSignature>"
        + cdata(msgSignature)
        + "</MsgSignature><TimeStamp>"
        + timestamp
        + "</TimeStamp><Nonce>"
        + cdata(nonce)
        + "</Nonce></xml>";
  }

  private static String cdata(String value) {
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }
}
