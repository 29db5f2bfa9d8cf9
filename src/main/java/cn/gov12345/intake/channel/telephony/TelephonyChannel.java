package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.config.TelephonyChannelConfig;
import cn.gov12345.intake.config.TwilioAccountConfig;
import cn.gov12345.intake.config.ZammadIntegrationConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.fetch.FetchPolicy;
import cn.gov12345.intake.fetch.FetchRefusedException;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The telephony channel: authenticates and reads call events of Twilio(-compatible) accounts
 * (HMAC-SHA1 {@code X-Twilio-Signature} over the public URL and the sorted form), PBXs posting the
 * generic CTI JSON (Standard Webhooks) and Zammad-style CTI integrations (a path token). Pure: no
 * I/O, the clock is given.
 */
public final class TelephonyChannel implements Channel {

  public static final String NAME = "telephony";

  /** The TwiML of a webhook that has nothing to say: an empty {@code <Response/>}. */
  public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  private static final Pattern WEBHOOK_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private final TelephonyChannelConfig config;
  private final Map<String, List<HmacKey>> ctiKeys;
  private final Clock clock;
  private final TwilioCallbacks twilio;
  private final CtiJsonEvents cti;
  private final ZammadEvents zammad;

  public TelephonyChannel(TelephonyChannelConfig config, PhoneNumbers phones, Clock clock) {
    this.config = config;
    this.ctiKeys =
        config.cti().entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e -> e.getValue().keys().stream().map(HmacKey::new).toList()));
    this.clock = clock;
    Callers callers = new Callers(phones);
    this.twilio = new TwilioCallbacks(callers);
    this.cti = new CtiJsonEvents(callers);
    this.zammad = new ZammadEvents(callers);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return List.of(twilioHooks(), ctiEvents(), zammadEvents());
  }

  /** {@code POST /channels/telephony/twilio/{account}/{hook}}: Twilio's webhooks, TwiML answers. */
  public Endpoint<TelephonyRequest, CallOutcome> twilioHooks() {
    return TelephonyEndpoints.twilio(this);
  }

  /** {@code POST /channels/telephony/cti/{source}}: signed CTI JSON events. */
  public Endpoint<TelephonyRequest, CallOutcome> ctiEvents() {
    return TelephonyEndpoints.cti(this);
  }

  /** {@code POST /channels/telephony/zammad/{integration}/{token}}: PBX call events. */
  public Endpoint<TelephonyRequest, CallOutcome> zammadEvents() {
    return TelephonyEndpoints.zammad(this);
  }

  public int maxBodyBytes() {
    return config.maxBodyBytes();
  }

  /** Refuses an unknown integration (404) before the body is read. */
  public void checkIntegration(String vendor, String name, String hook) {
    boolean known =
        switch (vendor) {
          case TwilioCallbacks.VENDOR ->
              config.twilio().containsKey(name) && TwilioCallbacks.HOOKS.contains(hook);
          case CtiJsonEvents.VENDOR -> config.cti().containsKey(name);
          case ZammadEvents.VENDOR -> config.zammad().containsKey(name);
          default -> false;
        };
    if (!known) {
      throw new ChannelException(
          ErrorCode.UNKNOWN_ACCOUNT, "No telephony integration is configured at this address.");
    }
  }

  /**
   * One Twilio webhook.
   *
   * @param uri the request's path and query exactly as received (appended to the account's public
   *     base URL: the URL Twilio signed)
   * @throws ChannelException 401 on a wrong signature or account, 400 on a malformed form
   */
  public TelephonyRequest twilio(
      String account, String hook, String uri, String signature, byte[] body) {
    checkIntegration(TwilioCallbacks.VENDOR, account, hook);
    TwilioAccountConfig a = config.twilio().get(account);
    Map<String, List<String>> form = FormBody.parse(body);
    if (!TwilioSignature.verify(a.authToken().reveal(), a.publicBaseUrl() + uri, form, signature)) {
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE,
          "X-Twilio-Signature does not match this account's auth token and public URL.");
    }
    if (!a.accountSid().equals(FormBody.first(form, "AccountSid"))) {
      throw new ChannelException(
          ErrorCode.ACCOUNT_MISMATCH, "AccountSid is not the account configured here.");
    }
    Instant now = clock.instant();
    boolean afterHours = !withinBusinessHours(now);
    CallEvent event = twilio.read(account, hook, form, now, afterHours);
    checkRecordingUrl(event, config.recordingUrlPrefixes(TwilioCallbacks.VENDOR, account));
    String twiml = null;
    if ("voice".equals(hook)) {
      twiml = afterHours ? a.twimlAfterHours() : a.twimlOpen();
    }
    return new TelephonyRequest(event, CallMessages.inbound(event, now), twiml);
  }

  /**
   * One generic CTI JSON event.
   *
   * @throws ChannelException 401 on a wrong signature or stale timestamp, 400 on a bad body
   */
  public TelephonyRequest cti(
      String source, String id, String timestamp, String signature, byte[] body) {
    checkIntegration(CtiJsonEvents.VENDOR, source, null);
    if (id == null || !WEBHOOK_ID.matcher(id).matches() || timestamp == null || signature == null) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER,
          "webhook-id, webhook-timestamp and webhook-signature are required.");
    }
    Instant now = clock.instant();
    long sentAt = timestamp.matches("\\d{1,12}") ? Long.parseLong(timestamp) : Long.MIN_VALUE / 2;
    if (Math.abs(now.getEpochSecond() - sentAt) > config.tolerance().toSeconds()) {
      throw new ChannelException(
          ErrorCode.STALE_TIMESTAMP, "webhook-timestamp is too far from now.");
    }
    if (!StandardWebhooks.verifyAny(ctiKeys.get(source), id, sentAt, body, signature)) {
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE, "No webhook-signature matches a secret of this source.");
    }
    CallEvent event = cti.read(source, id, body);
    checkRecordingUrl(event, config.recordingUrlPrefixes(CtiJsonEvents.VENDOR, source));
    return new TelephonyRequest(event, CallMessages.inbound(event, now), null);
  }

  /**
   * One Zammad-style CTI event.
   *
   * @throws ChannelException 401 on a wrong token, 400 on a bad form
   */
  public TelephonyRequest zammad(String integration, String token, byte[] body) {
    checkIntegration(ZammadEvents.VENDOR, integration, null);
    ZammadIntegrationConfig z = config.zammad().get(integration);
    byte[] expected = z.token().reveal().getBytes(StandardCharsets.UTF_8);
    byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ChannelException(ErrorCode.UNAUTHORIZED, "The integration token is wrong.");
    }
    Instant now = clock.instant();
    CallEvent event = zammad.read(integration, FormBody.parse(body), now);
    return new TelephonyRequest(event, CallMessages.inbound(event, now), null);
  }

  /** Whether an instant falls in the business hours (China time; may span midnight). */
  boolean withinBusinessHours(Instant at) {
    LocalTime t = at.atZone(CHINA).toLocalTime();
    LocalTime open = config.opensAt();
    LocalTime close = config.closesAt();
    if (close.isBefore(open)) {
      return !t.isBefore(open) || t.isBefore(close);
    }
    return !t.isBefore(open) && (t.isBefore(close) || close.equals(LocalTime.MAX));
  }

  /**
   * The URL rules of the outbound fetch policy, at request time: http(s) only, a host, no userinfo,
   * under one of the integration's recording URL prefixes. (Where the host resolves to is checked
   * when the recording is fetched.)
   *
   * @throws ChannelException 422 {@code recording_url_refused}
   */
  private static void checkRecordingUrl(CallEvent e, List<String> prefixes) {
    if (e.recordingUrl() == null) {
      return;
    }
    try {
      FetchPolicy.checkUrl(e.recordingUrl(), prefixes);
    } catch (FetchRefusedException refused) {
      throw new ChannelException(
          ErrorCode.RECORDING_URL_REFUSED,
          "The recording URL is not fetched: "
              + refused.getMessage()
              + " (allowed: this integration's recording URL prefixes).");
    }
  }

  /** Checks a vendor call id: 1-128 letters, digits and {@code . _ : @ -}. */
  static String callId(String id) {
    if (id == null || !CALL_ID.matcher(id).matches()) {
      throw TwilioCallbacks.invalid("callId must be 1-128 letters, digits or . _ : @ -");
    }
    return id;
  }
}
