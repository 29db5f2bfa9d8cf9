package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.channel.sms.AliyunCodes;
import cn.gov12345.intake.channel.sms.AliyunSignature;
import cn.gov12345.intake.channel.sms.VendorIds;
import cn.gov12345.intake.config.SmsConfig;
import cn.gov12345.intake.reply.SendOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud Dysmsapi {@code SendSms} (API version 2017-05-25), an RPC-style call signed with
 * {@link AliyunSignature}. The request is a {@code POST} of the signed parameters as an {@code
 * application/x-www-form-urlencoded} body (so the number never sits in a URL or an access log):
 * {@code PhoneNumbers} the mainland number as 11 digits (no {@code +86}), {@code SignName}, {@code
 * TemplateCode}, {@code TemplateParam} the variables as a JSON object, {@code OutId} the reply id
 * (Alibaba echoes it as {@code out_id} in the delivery receipt), {@code Format=JSON}.
 *
 * <p>Only mainland mobile numbers ({@code +86 1xx xxxx xxxx}) are reachable: international and Hong
 * Kong/Macao/Taiwan numbers need separately registered international templates, and landlines take
 * no SMS, so {@link #canReach} is false for them and the chain goes on without an attempt.
 *
 * <p>The answer: {@code {"Code":"OK","BizId":…}} is {@code SENT} with the BizId as the vendor
 * message id; any other {@code Code} (in a 200 or an error status) is classified by {@link
 * AliyunCodes}; an error status without a readable code is {@code RETRY} (429, 5xx) or {@code
 * NEXT}; a 2xx without one is {@code UNKNOWN} (the message may have been taken).
 *
 * <p>Docs: SendSms https://help.aliyun.com/document_detail/55284.html, signature
 * https://help.aliyun.com/document_detail/101343.htm, errors
 * https://help.aliyun.com/document_detail/101346.html.
 */
public final class AliyunSmsClient implements SmsClient {

  static final String VERSION = "2017-05-25";
  private static final Pattern MAINLAND = Pattern.compile("\\+861\\d{10}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ANSWER = 64 * 1024;

  private final SmsHttp http;
  private final SmsConfig config;
  private final Clock clock;
  private final Supplier<String> nonces;

  public AliyunSmsClient(HttpClient client, SmsConfig config, Clock clock) {
    this(client, config, clock, () -> UUID.randomUUID().toString());
  }

  /** With a nonce source of its own (tests fix it). */
  AliyunSmsClient(HttpClient client, SmsConfig config, Clock clock, Supplier<String> nonces) {
    this.http = new SmsHttp(client);
    this.config = config;
    this.clock = clock;
    this.nonces = nonces;
  }

  @Override
  public boolean canReach(String phone) {
    return phone != null && MAINLAND.matcher(phone).matches();
  }

  /** The 11-digit national form Alibaba takes for a mainland number. */
  static String phoneNumbers(String e164) {
    return e164.substring(3);
  }

  @Override
  public Future<SendOutcome> send(SmsRequest request) {
    if (!canReach(request.phone())) {
      return Future.succeededFuture(
          SendOutcome.next("", "not a mainland mobile number; Alibaba SendSms cannot reach it"));
    }
    Buffer body;
    try {
      body = Buffer.buffer(signedForm(request));
    } catch (JsonProcessingException e) {
      return Future.succeededFuture(SendOutcome.next("", "template variables not serializable"));
    }
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", "application/x-www-form-urlencoded")
            .add("Accept", "application/json")
            .add("User-Agent", "12345-intake-gateway");
    return http.post(
        config.endpoint().replaceAll("/+$", "") + "/",
        headers,
        body,
        config.requestTimeout(),
        this::classify);
  }

  /** The form body: every parameter POP-encoded, in canonical order, then the signature. */
  String signedForm(SmsRequest request) throws JsonProcessingException {
    Map<String, String> params = parameters(request);
    String signature = AliyunSignature.sign(config.accessKeySecret().reveal(), "POST", params);
    return AliyunSignature.canonicalQuery(params)
        + "&Signature="
        + AliyunSignature.percentEncode(signature);
  }

  Map<String, String> parameters(SmsRequest request) throws JsonProcessingException {
    Map<String, String> p = new TreeMap<>();
    p.put("AccessKeyId", config.accessKeyId());
    p.put("Action", "SendSms");
    p.put("Format", "JSON");
    p.put("OutId", request.replyId());
    p.put("PhoneNumbers", phoneNumbers(request.phone()));
    p.put("RegionId", config.regionId());
    p.put("SignName", config.signName());
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", nonces.get());
    p.put("SignatureVersion", "1.0");
    p.put("TemplateCode", request.templateCode());
    if (!request.variables().isEmpty()) {
      p.put("TemplateParam", JSON.writeValueAsString(request.variables()));
    }
    p.put("Timestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    p.put("Version", VERSION);
    return p;
  }

  private SendOutcome classify(SmsHttp.Answer response) {
    int status = response.status();
    JsonNode answer = answer(response.body());
    String code = answer.path("Code").isTextual() ? answer.get("Code").textValue() : "";
    if (AliyunCodes.OK.equals(code) && status / 100 == 2) {
      JsonNode bizId = answer.path("BizId");
      return SendOutcome.sent(bizId.isTextual() ? VendorIds.clean(bizId.textValue()) : "");
    }
    long retryAfter = SmsOutcomes.retryAfterMillis(response.retryAfter(), clock);
    if (!code.isEmpty()) {
      return AliyunCodes.classify(VendorIds.clean(code), retryAfter);
    }
    String httpStatus = Integer.toString(status);
    if (status / 100 == 2) {
      return SendOutcome.unknown("SendSms answered " + status + " without a Code");
    }
    if (status == 429 || status >= 500) {
      return SendOutcome.retry(httpStatus, retryAfter, "SendSms answered HTTP " + status);
    }
    return SendOutcome.next(httpStatus, "SendSms answered HTTP " + status);
  }

  private static JsonNode answer(Buffer body) {
    if (body == null || body.length() == 0 || body.length() > MAX_ANSWER) {
      return JSON.missingNode();
    }
    try {
      JsonNode node = JSON.readTree(body.getBytes());
      return node == null ? JSON.missingNode() : node;
    } catch (java.io.IOException e) {
      return JSON.missingNode();
    }
  }
}
