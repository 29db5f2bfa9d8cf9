package cn.gov12345.intake.channel.wechat.io;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One template message as WeChat's {@code message/template/send} takes it (发送模板消息,
 * https://developers.weixin.qq.com/doc/service/api/notify/template/api_sendtemplatemessage.html).
 * Never logged: {@link #toString()} shows the template only.
 *
 * @param touser the citizen's openid
 * @param templateId the template id (模板ID) from the account's template library
 * @param url the page the message opens, or null for none
 * @param clientMsgId the anti-reentry id ({@code client_msg_id}: one message per openid and id)
 * @param data keyword → value, in the template's order
 */
public record TemplateMessage(
    String touser, String templateId, String url, String clientMsgId, Map<String, String> data) {

  public TemplateMessage {
    data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** The request body: {@code data} as {@code {key: {"value": …}}}, no colours. */
  JsonObject toJson() {
    JsonObject values = new JsonObject();
    data.forEach((key, value) -> values.put(key, new JsonObject().put("value", value)));
    JsonObject body = new JsonObject().put("touser", touser).put("template_id", templateId);
    if (url != null && !url.isEmpty()) {
      body.put("url", url);
    }
    if (clientMsgId != null && !clientMsgId.isEmpty()) {
      body.put("client_msg_id", clientMsgId);
    }
    return body.put("data", values);
  }

  @Override
  public String toString() {
    return "TemplateMessage[templateId=" + templateId + ", keys=" + data.keySet() + "]";
  }
}
