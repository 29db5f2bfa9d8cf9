package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.config.WechatTemplateConfig;
import cn.gov12345.intake.config.WechatTemplateConfig.Keyword;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplySender;
import cn.gov12345.intake.reply.SendOutcome;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code wechat_template}: the reply as a template message (模板消息) through {@link
 * WechatApi#sendTemplate}, which WeChat delivers outside the 48-hour customer-service window to
 * followers of the account (发送模板消息,
 * https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html).
 * The account's template for the reply's kind ({@link WechatTemplateConfig}) is filled from the
 * reply: {@code {text}}, {@code {trackingNumber}} and every param; values are cut to WeChat's
 * keyword limits ({@code thing} 20 characters, the last one "…"; {@code character_string} 32;
 * {@code phrase} 5) and control characters become spaces, so nothing is refused at send time.
 * {@code client_msg_id} = the reply id, so WeChat itself drops a repeat within 10 minutes.
 *
 * <p>Outcomes: errcode 0 → {@code SENT} with WeChat's {@code msgid}; 40037 (invalid template_id),
 * 43004 (not subscribed), 40003 (invalid openid), 47003 (argument invalid), 45009 (quota) and any
 * other errcode → {@code NEXT}; -1, a token refused after the one refresh, HTTP errors and a
 * refused connection → {@code RETRY}; a time-out after the request was written → {@code UNKNOWN}.
 */
public final class WechatTemplateReplySender implements ReplySender {

  public static final String KIND = "wechat_template";

  private static final Set<Integer> NEXT = Set.of(40037, 43004, 40003, 47003, 45009);
  private static final String ELLIPSIS = "…";

  private final WechatApi api;
  private final Map<String, Map<String, WechatTemplateConfig>> templates;

  /**
   * @param templates account → reply kind → template ({@code replies.wechat.templates})
   */
  public WechatTemplateReplySender(
      WechatApi api, Map<String, Map<String, WechatTemplateConfig>> templates) {
    this.api = api;
    this.templates = Map.copyOf(templates);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean canReach(OutboundMessage message) {
    return message.address().openid() != null
        && api.knows(message.account())
        && template(message) != null;
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    WechatTemplateConfig template = template(message);
    if (template == null) {
      return Future.succeededFuture(
          SendOutcome.next("", "no_template: none configured for this account and kind"));
    }
    return api.sendTemplate(message.account(), request(message, template))
        .map(SendOutcome::sent)
        .otherwise(e -> WechatReplyOutcomes.of(e, NEXT));
  }

  /** The template message for {@code message}: the template filled, values cut to fit. */
  static TemplateMessage request(OutboundMessage message, WechatTemplateConfig template) {
    Map<String, String> values = new HashMap<>();
    values.put("trackingNumber", nullToEmpty(message.trackingNumber()));
    values.put("text", nullToEmpty(message.text()));
    values.putAll(message.params());
    Map<String, String> data = new LinkedHashMap<>();
    template
        .data()
        .forEach(
            (key, value) ->
                data.put(key, fit(WechatTemplateConfig.fill(value, values), Keyword.of(key))));
    String url = null;
    if (template.url() != null) {
      Map<String, String> encoded = new HashMap<>();
      values.forEach((k, v) -> encoded.put(k, URLEncoder.encode(v, StandardCharsets.UTF_8)));
      url = WechatTemplateConfig.fill(template.url(), encoded);
    }
    return new TemplateMessage(
        message.address().openid(), template.templateId(), url, message.replyId(), data);
  }

  /** Control characters as spaces, then cut to the keyword's limit (thing: with "…"). */
  static String fit(String value, Keyword type) {
    String clean = value.replaceAll("\\p{Cntrl}+", " ").strip();
    int max = type.maxLength();
    if (clean.codePointCount(0, clean.length()) <= max) {
      return clean;
    }
    int keep = type == Keyword.THING ? max - 1 : max;
    String cut = clean.substring(0, clean.offsetByCodePoints(0, keep));
    return type == Keyword.THING ? cut + ELLIPSIS : cut;
  }

  private WechatTemplateConfig template(OutboundMessage message) {
    Map<String, WechatTemplateConfig> kinds = templates.get(message.account());
    return kinds == null ? null : kinds.get(message.kind());
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
