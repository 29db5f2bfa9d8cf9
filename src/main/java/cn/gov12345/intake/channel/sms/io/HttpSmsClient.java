package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.channel.sms.VendorIds;
import cn.gov12345.intake.config.SmsConfig;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A generic signed-HTTP SMS provider (an in-house SMS gateway): one {@code POST} of {@code {"id":
 * replyId, "to": E.164, "template": code, "params": {…}, "signName": …}} as JSON, signed with
 * Standard Webhooks ({@code webhook-id} = the reply id, the same on every attempt, so the provider
 * deduplicates; one {@code v1} signature per configured secret). The format and the answers are in
 * {@code channels/sms/README.md}: 2xx {@code SENT} (the answer's {@code "messageId"} as vendor id),
 * 429 and 5xx {@code RETRY} (after {@code Retry-After}), any other status {@code NEXT} (vendor
 * code: the answer's {@code "code"}, else the status), no connection {@code RETRY}, no answer in
 * time {@code UNKNOWN}. Redirects are not followed.
 */
public final class HttpSmsClient implements SmsClient {

  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ANSWER = 64 * 1024;

  private final SmsHttp http;
  private final SmsConfig config;
  private final List<HmacKey> keys;
  private final Clock clock;

  public HttpSmsClient(HttpClient client, SmsConfig config, Clock clock) {
    this.http = new SmsHttp(client);
    this.config = config;
    this.keys = config.keys().stream().map(HmacKey::new).toList();
    this.clock = clock;
  }

  @Override
  public boolean canReach(String phone) {
    return phone != null && E164.matcher(phone).matches();
  }

  @Override
  public Future<SendOutcome> send(SmsRequest request) {
    byte[] body;
    try {
      body = body(request);
    } catch (JsonProcessingException e) {
      return Future.succeededFuture(SendOutcome.next("", "template variables not serializable"));
    }
    long timestamp = clock.millis() / 1000;
    String signatures =
        keys.stream()
            .map(key -> StandardWebhooks.sign(key, request.replyId(), timestamp, body))
            .collect(Collectors.joining(" "));
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", CONTENT_TYPE)
            .add(StandardWebhooks.HEADER_ID, request.replyId())
            .add(StandardWebhooks.HEADER_TIMESTAMP, Long.toString(timestamp))
            .add(StandardWebhooks.HEADER_SIGNATURE, signatures)
            .add("User-Agent", "12345-intake-gateway");
    return http.post(
        config.url(), headers, Buffer.buffer(body), config.requestTimeout(), this::classify);
  }

  byte[] body(SmsRequest request) throws JsonProcessingException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", request.replyId());
    json.put("to", request.phone());
    json.put("template", request.templateCode());
    json.put("params", request.variables());
    if (!config.signName().isEmpty()) {
      json.put("signName", config.signName());
    }
    return JSON.writeValueAsBytes(json);
  }

  private SendOutcome classify(SmsHttp.Answer response) {
    int status = response.status();
    JsonNode answer = answer(response.body());
    if (status / 100 == 2) {
      JsonNode id = answer.path("messageId");
      return SendOutcome.sent(id.isTextual() ? VendorIds.clean(id.textValue()) : "");
    }
    String code =
        answer.path("code").isTextual()
            ? VendorIds.clean(answer.get("code").textValue())
            : Integer.toString(status);
    String error = "the SMS provider answered HTTP " + status;
    if (status == 429 || status >= 500) {
      return SendOutcome.retry(
          code, SmsOutcomes.retryAfterMillis(response.retryAfter(), clock), error);
    }
    return SendOutcome.next(code, error);
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
