package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Acks;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.config.Cidr;
import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.SmsChannelConfig;
import cn.gov12345.intake.config.SmsIntegrationConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.json.ContentTypes;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inbound SMS (上行短信): Alibaba Cloud's SmsUp batch push ({@code POST
 * /channels/sms/aliyun/{integration}/{pathToken}}: unsigned by Alibaba, so the secret path segment
 * is the credential, compared in constant time before a byte of the body is read, with an optional
 * IP allowlist) and the generic format of an in-house gateway ({@code POST
 * /channels/sms/http/{integration}}, Standard Webhooks signed). Every text joins its citizen's
 * conversation. Pure: no I/O, the clock is given.
 */
public final class SmsChannel implements Channel {

  public static final String NAME = "sms";
  public static final String ALIYUN_PATH = "/channels/sms/aliyun/:integration/:token";
  public static final String HTTP_PATH = "/channels/sms/http/:integration";

  private final Map<String, Integration> integrations;
  private final SmsChannelConfig config;
  private final WebhookVerifier verifier;
  private final SmsTexts texts;
  private final Clock clock;

  /** One configured integration with its key material. */
  private record Integration(
      SmsIntegrationConfig config, byte[] token, List<HmacKey> keys, List<Cidr> allowed) {}

  public SmsChannel(SmsChannelConfig config, PhoneNumbers phones, Clock clock) {
    this.integrations =
        config.integrations().entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> integration(e.getValue())));
    this.config = config;
    this.verifier = new WebhookVerifier(config.tolerance().toSeconds(), clock);
    this.texts = new SmsTexts(phones);
    this.clock = clock;
  }

  private static Integration integration(SmsIntegrationConfig c) {
    return new Integration(
        c,
        c.pathToken().reveal().getBytes(StandardCharsets.UTF_8),
        c.secrets().stream().map(s -> new HmacKey(webhookKey(s))).toList(),
        c.allowed());
  }

  private static byte[] webhookKey(Secret s) {
    return WebhookSourceConfig.keyOf(s);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return List.of(aliyunPushes(), gatewayPushes());
  }

  /** Texts of one citizen with no more than this between them join one ticket. */
  public Duration conversationWindow() {
    return config.conversationWindow();
  }

  /**
   * {@code POST /channels/sms/aliyun/{integration}/{pathToken}}: an SmsUp batch, answered HTTP 200
   * {@code {"code":0,"msg":"接收成功"}} only after every text of it was appended.
   */
  public Endpoint<SmsPush, SmsAccepted> aliyunPushes() {
    return Endpoint.of(
        "POST",
        ALIYUN_PATH,
        Body.buffered(config.maxBodyBytes()),
        head -> checkAliyun(head),
        r -> new SmsPush(SmsIntegrationConfig.ALIYUN, aliyun(r.pathParam("integration"), r.body())),
        (push, accepted) -> Ack.json(200, AliyunSmsUp.ANSWER));
  }

  /**
   * {@code POST /channels/sms/http/{integration}}: one text (or an array), 202 with the ids when
   * new, 200 with the original ids for a retry.
   */
  public Endpoint<SmsPush, SmsAccepted> gatewayPushes() {
    return Endpoint.of(
        "POST",
        HTTP_PATH,
        Body.buffered(config.maxBodyBytes()),
        head -> checkHead(head, SmsIntegrationConfig.HTTP),
        r -> new SmsPush(SmsIntegrationConfig.HTTP, gateway(r)),
        (push, accepted) -> gatewayAck(accepted));
  }

  /**
   * The secret path segment (401 {@code unauthorized}, constant time), the integration (404) and
   * its allowlist (403), checked on the head alone.
   */
  private void checkAliyun(InboundRequest head) {
    Integration i = checkHead(head, SmsIntegrationConfig.ALIYUN);
    String token = head.pathParam("token");
    byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(i.token(), given)) {
      throw new ChannelException(ErrorCode.UNAUTHORIZED, "Unknown SMS push URL.");
    }
  }

  private Integration checkHead(InboundRequest head, String provider) {
    Integration i = integrations.get(head.pathParam("integration"));
    if (i == null || !i.config().provider().equals(provider)) {
      throw new ChannelException(
          ErrorCode.UNKNOWN_ACCOUNT, "No SMS integration is configured at this address.");
    }
    if (!i.allowed().isEmpty()
        && i.allowed().stream().noneMatch(c -> c.contains(head.clientAddress()))) {
      throw new ChannelException(
          ErrorCode.FORBIDDEN, "This SMS integration does not take pushes from this address.");
    }
    if (!ContentTypes.isUtf8(head.header("Content-Type"), "application/json")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the push as application/json in UTF-8.");
    }
    return i;
  }

  /**
   * Reads an SmsUp batch of an authenticated integration.
   *
   * @throws ChannelException 400 {@code malformed_json} / {@code invalid_sms}, 413 {@code
   *     too_many_messages}: the whole push is refused and nothing of it is written
   */
  public List<SmsText> aliyun(String integration, byte[] body) {
    return mapped(integration, AliyunSmsUp.read(body, config.maxBatch()), clock.instant());
  }

  /**
   * Verifies and reads one generic push.
   *
   * @throws ChannelException 401 on a wrong signature or stale timestamp, 400 on a bad body or a
   *     {@code to} this integration does not serve
   */
  public List<SmsText> gateway(InboundRequest r) {
    Integration i = integrations.get(r.pathParam("integration"));
    Instant now =
        verifier
            .verify(
                i.keys(),
                r.header(StandardWebhooks.HEADER_ID),
                r.header(StandardWebhooks.HEADER_TIMESTAMP),
                r.header(StandardWebhooks.HEADER_SIGNATURE),
                r.body())
            .now();
    List<SmsEntry> entries = GatewaySms.read(r.body(), config.maxBatch());
    List<String> hotlines = i.config().hotlines();
    for (int n = 0; n < entries.size(); n++) {
      if (!hotlines.isEmpty() && !hotlines.contains(entries.get(n).to())) {
        throw SmsJson.invalid(
            "Message " + n + " was sent to a number this integration does not serve.");
      }
    }
    return mapped(r.pathParam("integration"), entries, now);
  }

  private List<SmsText> mapped(String integration, List<SmsEntry> entries, Instant now) {
    List<SmsText> out = new ArrayList<>(entries.size());
    for (SmsEntry e : entries) {
      out.add(texts.map(integration, e, now, "Message " + out.size()));
    }
    return out;
  }

  private static Ack gatewayAck(SmsAccepted accepted) {
    if (accepted.texts().size() == 1) {
      return Acks.accepted(accepted.texts().get(0));
    }
    StringBuilder json = new StringBuilder("{\"status\":\"");
    json.append(accepted.duplicate() ? "duplicate" : "accepted").append("\",\"messages\":[");
    for (int n = 0; n < accepted.texts().size(); n++) {
      Accepted a = accepted.texts().get(n);
      json.append(n == 0 ? "" : ",").append(Acks.accepted(a).text());
    }
    return Ack.json(accepted.duplicate() ? 200 : 202, json.append("]}").toString());
  }
}
