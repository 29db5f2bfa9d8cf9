package cn.gov12345.intake.channel.sms.io;

import java.util.Map;

/**
 * One SMS for a provider client: a registered template with its variables, to one number. Held in
 * memory for one attempt only; {@link #toString()} never shows the number or the variables.
 *
 * @param replyId the reply id (sent as the provider's caller id: Alibaba's {@code OutId}, the
 *     generic provider's {@code id} and {@code webhook-id}), the same on every attempt
 * @param phone the E.164 number
 * @param templateCode the registered template code
 * @param variables template variable → value, in the configured order
 */
public record SmsRequest(
    String replyId, String phone, String templateCode, Map<String, String> variables) {

  @Override
  public String toString() {
    return "SmsRequest[replyId=" + replyId + ", template=" + templateCode + ", phone=<redacted>]";
  }
}
