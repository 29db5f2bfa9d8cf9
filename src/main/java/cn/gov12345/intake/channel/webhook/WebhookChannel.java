package cn.gov12345.intake.channel.webhook;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Acks;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.config.WebhookChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.json.ContentTypes;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.signing.WebhookVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signed webhooks from partner systems ({@code POST /channels/webhook/{source}}): verifies the
 * Standard Webhooks signature and timestamp, then reads the submission into one {@link Inbound}
 * that opens its own ticket. The {@code webhook-id} is the dedup key. Pure: no I/O, the clock is
 * given.
 */
public final class WebhookChannel implements Channel {

  public static final String NAME = "webhook";
  public static final String PATH = "/channels/webhook/:source";

  private final Map<String, List<HmacKey>> keysBySource;
  private final int maxBodyBytes;
  private final WebhookVerifier verifier;
  private final SubmissionMapper mapper;

  public WebhookChannel(WebhookChannelConfig config, PhoneNumbers phones, Clock clock) {
    this.keysBySource =
        config.sources().entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e -> e.getValue().keys().stream().map(HmacKey::new).toList()));
    this.maxBodyBytes = config.maxBodyBytes();
    this.verifier = new WebhookVerifier(config.tolerance().toSeconds(), clock);
    this.mapper = new SubmissionMapper(phones);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return List.of(submissions());
  }

  /**
   * {@code POST /channels/webhook/{source}}: one submission, appended as one message that opens its
   * ticket; 202 when new, 200 with the original ids for a sender's retry.
   */
  public Endpoint<Inbound, Accepted> submissions() {
    return Endpoint.of(
        "POST",
        PATH,
        Body.buffered(maxBodyBytes),
        head -> checkPreamble(head.pathParam("source"), head.header("Content-Type")),
        this::accept,
        (inbound, accepted) -> Acks.accepted(accepted));
  }

  /** Reads one webhook request (see {@link #accept(String, WebhookHeaders, byte[])}). */
  public Inbound accept(InboundRequest request) {
    WebhookHeaders headers =
        new WebhookHeaders(
            request.header(StandardWebhooks.HEADER_ID),
            request.header(StandardWebhooks.HEADER_TIMESTAMP),
            request.header(StandardWebhooks.HEADER_SIGNATURE));
    return accept(request.pathParam("source"), headers, request.body());
  }

  /** Largest body accepted; larger ones are refused with 413 before they are read. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Checks what can be checked before the body is read: the source exists (404) and the body is
   * JSON in UTF-8 (415).
   *
   * @throws ChannelException {@code unknown_source} or {@code unsupported_media_type}
   */
  public void checkPreamble(String source, String contentType) {
    if (!keysBySource.containsKey(source)) {
      throw new ChannelException(
          ErrorCode.UNKNOWN_SOURCE, "No webhook source is configured under this name.");
    }
    if (!ContentTypes.isUtf8(contentType, "application/json")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the submission as application/json in UTF-8.");
    }
  }

  /**
   * Authenticates and reads one webhook.
   *
   * @param source the source name from the path
   * @param headers the three Standard Webhooks headers as received
   * @param body the raw body bytes (the signature covers them exactly)
   * @throws ChannelException 401 when the signature or timestamp is wrong, 400 when the body is not
   *     a valid submission; nothing may be written then
   */
  public Inbound accept(String source, WebhookHeaders headers, byte[] body) {
    List<HmacKey> keys = keysBySource.get(source);
    if (keys == null) {
      throw new ChannelException(
          ErrorCode.UNKNOWN_SOURCE, "No webhook source is configured under this name.");
    }
    WebhookVerifier.Verified verified =
        verifier.verify(keys, headers.id(), headers.timestamp(), headers.signature(), body);
    return mapper.toInbound(source, verified.id(), verified.now(), SubmissionReader.read(body));
  }
}
