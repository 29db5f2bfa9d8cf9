package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.reply.SendOutcome;
import java.util.Map;
import java.util.Set;

/**
 * How the reply worker goes on after Alibaba Cloud's {@code SendSms} answered with a {@code Code}
 * other than {@code OK}, from the SMS API error-code reference
 * (https://help.aliyun.com/document_detail/101346.html, 国内消息API错误码) and the common OpenAPI errors
 * ({@code Throttling.*}, {@code SignatureNonceUsed}, {@code ServiceUnavailable}).
 *
 * <ul>
 *   <li>{@code RETRY}: Alibaba did not take the message for a passing reason — its own system
 *       error, API throttling, the per-number flow control ({@code isv.BUSINESS_LIMIT_CONTROL}: 1 a
 *       minute, 5 an hour for one number), a nonce collision. The same sender is tried again later.
 *   <li>{@code NEXT}: everything else. The number cannot take SMS ({@code
 *       isv.MOBILE_NUMBER_ILLEGAL}, {@code isv.BLACK_KEY_CONTROL_LIMIT} …), the template, signature
 *       or parameters are refused (a configuration fault no retry repairs), or the account cannot
 *       send ({@code isv.AMOUNT_NOT_ENOUGH}, {@code isv.OUT_OF_SERVICE}, {@code
 *       isv.DAY_LIMIT_CONTROL} …: hours, not seconds) — the next sender of the chain reaches the
 *       citizen meanwhile. A code not listed here is {@code NEXT} too: Alibaba refused it.
 * </ul>
 */
public final class AliyunCodes {

  /** The {@code Code} of a message Alibaba took. */
  public static final String OK = "OK";

  private static final Set<String> PASSING =
      Set.of(
          "isp.SYSTEM_ERROR",
          "isv.BUSINESS_LIMIT_CONTROL",
          "SignatureNonceUsed",
          "ServiceUnavailable",
          "InternalError");

  private static final Map<String, String> DESCRIBED =
      Map.ofEntries(
          Map.entry("isv.MOBILE_NUMBER_ILLEGAL", "the number is not a valid mobile number"),
          Map.entry("isv.BLACK_KEY_CONTROL_LIMIT", "the number or content is blacklisted"),
          Map.entry("isv.SMS_TEMPLATE_ILLEGAL", "the template is not approved for this account"),
          Map.entry("isv.SMS_SIGNATURE_ILLEGAL", "the signature is not approved for this account"),
          Map.entry("isv.TEMPLATE_MISSING_PARAMETERS", "the template lacks a variable"),
          Map.entry("isv.INVALID_PARAMETERS", "a request parameter is invalid"),
          Map.entry("isv.INVALID_JSON_PARAM", "TemplateParam is not valid JSON"),
          Map.entry("isv.PARAM_LENGTH_LIMIT", "a template variable is too long"),
          Map.entry("isv.AMOUNT_NOT_ENOUGH", "the account balance is too low"),
          Map.entry("isv.OUT_OF_SERVICE", "the account is suspended (balance)"),
          Map.entry("isv.DAY_LIMIT_CONTROL", "the account's daily limit is reached"),
          Map.entry("isv.MONTH_LIMIT_CONTROL", "the account's monthly limit is reached"),
          Map.entry("isp.SYSTEM_ERROR", "Alibaba Cloud system error"),
          Map.entry("isv.BUSINESS_LIMIT_CONTROL", "the per-number send rate is exceeded"));

  private AliyunCodes() {}

  /**
   * The outcome of an answer whose {@code Code} is not {@code OK}; {@code retryAfterMillis} is the
   * HTTP {@code Retry-After}, or -1.
   */
  public static SendOutcome classify(String code, long retryAfterMillis) {
    String error = "SendSms refused: " + DESCRIBED.getOrDefault(code, code);
    if (PASSING.contains(code) || code.startsWith("Throttling")) {
      return SendOutcome.retry(code, retryAfterMillis, error);
    }
    return SendOutcome.next(code, error);
  }
}
