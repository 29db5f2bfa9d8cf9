package cn.gov12345.intake.channel.wechat;

/**
 * The body WeChat gets back for a push.
 *
 * @param contentType its content type
 * @param body {@code success}, or a passive reply XML (encrypted in safe mode)
 */
public record WechatAnswer(String contentType, String body) {

  static final WechatAnswer SUCCESS = new WechatAnswer("text/plain; charset=utf-8", "success");
}
