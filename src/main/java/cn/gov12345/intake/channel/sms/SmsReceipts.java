package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads SMS delivery receipts pushed by a provider into {@link SmsReceipt}s, or refuses the body
 * with a typed {@link ChannelException} ({@code malformed_json}, {@code body_too_large}, {@code
 * too_many_receipts}, {@code invalid_receipt}). Pure: no I/O, no clock. The phone number a receipt
 * carries is read as text and dropped, never returned.
 *
 * <ul>
 *   <li>{@link #aliyun}: Alibaba Cloud SmsReport, HTTP batch push mode — a JSON array of {@code
 *       {phone_number, send_time, report_time, success, err_code, err_msg, sms_size, biz_id,
 *       out_id}}, times in China time ({@code 2017-01-01 00:00:00}); fields Alibaba adds later are
 *       ignored. Doc: https://help.aliyun.com/document_detail/101867.html. The provider expects
 *       HTTP 200 with {@link #ALIYUN_ANSWER}, and pushes again after 1, 5 and 10 minutes otherwise.
 *   <li>{@link #generic}: the gateway's own format for an in-house provider — one JSON object or an
 *       array of them, {@code {"id", "messageId", "status": "delivered"|"failed", "code", "at"}},
 *       strict (unknown fields refused). See {@code channels/sms/README.md}.
 * </ul>
 */
public final class SmsReceipts {

  /** What a receipt push may hold at most. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** How many receipts one push may hold at most. */
  public static final int MAX_RECEIPTS = 1000;

  /** The answer Alibaba expects ("系统仅校验code是否为数字"), with HTTP 200. */
  public static final String ALIYUN_ANSWER = "{\"code\":0,\"msg\":\"接收成功\"}";

  private static final ObjectMapper JSON = StrictJson.mapper(4);
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ALIYUN_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final int MAX_TEXT = 256;
  private static final Set<String> GENERIC_FIELDS =
      Set.of("id", "messageId", "status", "code", "at");

  private SmsReceipts() {}

  /** Alibaba's SmsReport batch, at most {@link #MAX_RECEIPTS} entries. */
  public static List<SmsReceipt> aliyun(byte[] body) {
    return aliyun(body, MAX_RECEIPTS);
  }

  /** Alibaba's SmsReport batch, at most {@code maxReceipts} entries. */
  public static List<SmsReceipt> aliyun(byte[] body, int maxReceipts) {
    JsonNode root = read(body);
    if (!root.isArray()) {
      throw invalid("An SmsReport push is a JSON array of status reports.");
    }
    List<SmsReceipt> receipts = new ArrayList<>(Math.min(root.size(), maxReceipts));
    for (JsonNode entry : entries(root, maxReceipts)) {
      receipts.add(aliyunEntry(entry, receipts.size()));
    }
    return List.copyOf(receipts);
  }

  private static SmsReceipt aliyunEntry(JsonNode entry, int index) {
    String at = "Report " + index;
    if (!entry.isObject()) {
      throw invalid(at + " is not a JSON object.");
    }
    text(entry, "phone_number", true, at); // checked, then dropped: never kept
    text(entry, "send_time", false, at);
    text(entry, "err_msg", false, at);
    text(entry, "sms_size", false, at);
    JsonNode success = entry.get("success");
    if (success == null || !success.isBoolean()) {
      throw invalid(at + " needs success as true or false.");
    }
    String errorCode = text(entry, "err_code", false, at);
    return new SmsReceipt(
        text(entry, "out_id", true, at),
        text(entry, "biz_id", true, at),
        success.booleanValue(),
        success.booleanValue() ? "" : errorCode,
        aliyunTime(text(entry, "report_time", true, at), at));
  }

  private static Instant aliyunTime(String text, String at) {
    try {
      return LocalDateTime.parse(text, ALIYUN_TIME).atZone(CHINA).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(at + " has a report_time that is not yyyy-MM-dd HH:mm:ss.");
    }
  }

  /** The generic format: one receipt object, or an array of at most {@link #MAX_RECEIPTS}. */
  public static List<SmsReceipt> generic(byte[] body) {
    return generic(body, MAX_RECEIPTS);
  }

  /** The generic format: one receipt object, or an array of at most {@code maxReceipts}. */
  public static List<SmsReceipt> generic(byte[] body, int maxReceipts) {
    JsonNode root = read(body);
    if (root.isObject()) {
      return List.of(genericEntry(root, "The receipt"));
    }
    if (!root.isArray()) {
      throw invalid("A receipt push is a JSON object or an array of them.");
    }
    List<SmsReceipt> receipts = new ArrayList<>(Math.min(root.size(), maxReceipts));
    for (JsonNode entry : entries(root, maxReceipts)) {
      receipts.add(genericEntry(entry, "Receipt " + receipts.size()));
    }
    return List.copyOf(receipts);
  }

  private static SmsReceipt genericEntry(JsonNode entry, String at) {
    if (!entry.isObject()) {
      throw invalid(at + " is not a JSON object.");
    }
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!GENERIC_FIELDS.contains(name)) {
        throw invalid(at + " has an unknown field '" + StrictJson.shown(name) + "'.");
      }
    }
    String id = text(entry, "id", true, at);
    if (!id.matches("[A-Za-z0-9_.:-]{1,128}")) {
      throw invalid(at + " needs id: the reply id the message was sent with.");
    }
    String status = text(entry, "status", true, at);
    if (!status.equals("delivered") && !status.equals("failed")) {
      throw invalid(at + " needs status delivered or failed.");
    }
    boolean delivered = status.equals("delivered");
    String code = text(entry, "code", false, at);
    return new SmsReceipt(
        id,
        text(entry, "messageId", false, at),
        delivered,
        delivered ? "" : code,
        genericTime(text(entry, "at", true, at), at));
  }

  private static Instant genericTime(String text, String at) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(at + " needs at as an RFC 3339 time (2026-03-01T10:00:00+08:00).");
    }
  }

  private static JsonNode read(byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE, "A receipt push holds at most " + MAX_BODY_BYTES + " bytes.");
    }
    String text = StrictJson.text(body);
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || root.isMissingNode()) {
        throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body is empty.");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ChannelException(ErrorCode.MALFORMED_JSON, "The body is not well-formed JSON.");
    }
  }

  private static Iterable<JsonNode> entries(JsonNode array, int maxReceipts) {
    if (array.size() > maxReceipts) {
      throw new ChannelException(
          ErrorCode.TOO_MANY_RECEIPTS,
          "A push holds at most " + maxReceipts + " receipts; this one has " + array.size() + ".");
    }
    return array;
  }

  /** A text field: absent or null is empty (an error when required), any other type an error. */
  private static String text(JsonNode entry, String field, boolean required, String at) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(at + " lacks " + field + ".");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw invalid(at + " has " + field + " that is not a string.");
    }
    String text = value.textValue();
    if (text.length() > MAX_TEXT) {
      throw invalid(at + " has " + field + " longer than " + MAX_TEXT + " characters.");
    }
    return text;
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_RECEIPT, message);
  }
}
