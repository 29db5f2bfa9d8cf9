package cn.gov12345.intake.channel.sms;

import static cn.gov12345.intake.channel.sms.SmsJson.invalid;
import static cn.gov12345.intake.channel.sms.SmsJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud 短信服务 SmsUp (上行短信), HTTP batch push mode: a JSON array of {@code {phone_number,
 * send_time, content, sign_name, dest_code, sequence_id}}; {@code send_time} is China time ({@code
 * 2017-09-01 00:00:00}); {@code sequence_id} is a number in one version of the documentation and a
 * string in another, so both are read. Fields Alibaba adds later are ignored. Doc: 短信服务 → 开发参考 →
 * 回执消息 → HTTP批量推送模式 → SmsUp, https://help.aliyun.com/zh/sms/developer-reference/smsup-http (also
 * https://help.aliyun.com/document_detail/101847.htm). Alibaba expects HTTP 200 with {@link
 * #ANSWER} and pushes again after 1, 5 and 10 minutes otherwise.
 */
final class AliyunSmsUp {

  /** The answer Alibaba expects ("系统仅校验code是否为数字"), with HTTP 200. */
  static final String ANSWER = "{\"code\":0,\"msg\":\"接收成功\"}";

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
  private static final Pattern SEQUENCE = Pattern.compile("[0-9A-Za-z_-]{1,64}");

  private AliyunSmsUp() {}

  static List<SmsEntry> read(byte[] body, int maxMessages) {
    List<SmsEntry> out = new ArrayList<>();
    for (JsonNode entry : SmsJson.entries(body, maxMessages, false)) {
      out.add(entry(entry, "Message " + out.size()));
    }
    return out;
  }

  private static SmsEntry entry(JsonNode entry, String at) {
    String phone = text(entry, "phone_number", true, 32, at);
    String sent = text(entry, "send_time", true, 32, at);
    String content = text(entry, "content", true, SmsTexts.MAX_TEXT, at);
    String sign = text(entry, "sign_name", false, 64, at);
    String dest = text(entry, "dest_code", false, 32, at);
    return new SmsEntry(phone, time(sent, at), content, sequence(entry, at), dest, sign);
  }

  private static String sequence(JsonNode entry, String at) {
    JsonNode value = entry.get("sequence_id");
    if (value == null || value.isNull()) {
      return null;
    }
    String id;
    if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
      id = Long.toString(value.longValue());
    } else if (value.isTextual()) {
      id = value.textValue();
    } else {
      throw invalid(at + " has a sequence_id that is neither a whole number nor a string.");
    }
    if (!SEQUENCE.matcher(id).matches()) {
      throw invalid(at + " has a sequence_id that is not 1-64 letters or digits.");
    }
    return id;
  }

  private static Instant time(String text, String at) {
    String t = text.strip();
    try {
      DateTimeFormatter format = t.length() == 14 ? COMPACT : TIME;
      return LocalDateTime.parse(t, format).atZone(CHINA).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(at + " has a send_time that is not yyyy-MM-dd HH:mm:ss.");
    }
  }
}
