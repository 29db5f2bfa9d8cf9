package cn.gov12345.intake.channel.wechat;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.config.WechatAccountConfig;
import cn.gov12345.intake.config.WechatChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Inbound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The WeChat official-account message push ({@code /channels/wechat/{account}}): URL verification,
 * signature and timestamp checks, plaintext, compatible and safe (AES) mode, safe XML reading, and
 * the passive reply. Pure: no I/O, the clock is given.
 */
public final class WechatChannel implements Channel {

  public static final String NAME = "wechat";
  public static final String PATH = "/channels/wechat/:account";

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Map<String, Account> accounts;
  private final int maxBodyBytes;
  private final long toleranceSeconds;
  private final Duration conversationWindow;
  private final Clock clock;

  /** One configured account with its key material. */
  private record Account(WechatAccountConfig config, String token, WechatCrypto crypto) {}

  public WechatChannel(WechatChannelConfig config, Clock clock) {
    this.accounts =
        config.accounts().entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> account(e.getValue())));
    this.maxBodyBytes = Math.min(config.maxBodyBytes(), SafeXml.MAX_BYTES);
    this.toleranceSeconds = config.tolerance().toSeconds();
    this.conversationWindow = config.conversationWindow();
    this.clock = clock;
  }

  private static Account account(WechatAccountConfig c) {
    WechatCrypto crypto =
        c.encrypts() ? new WechatCrypto(c.encodingAesKey().reveal(), c.appId()) : null;
    return new Account(c, c.token().reveal(), crypto);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return List.of(verification(), pushes());
  }

  /** {@code GET /channels/wechat/{account}}: the URL verification, answered with the echo. */
  public Endpoint<String, String> verification() {
    return Endpoint.of(
        "GET",
        PATH,
        Body.none(),
        Endpoint::noCheck,
        r -> verifyUrl(r.pathParam("account"), query(r)),
        (echo, same) -> Ack.of(200, "text/plain; charset=utf-8", echo));
  }

  /**
   * {@code POST /channels/wechat/{account}}: a message push, answered ({@code success} or the
   * passive reply) only after the conversation script confirmed the append.
   */
  public Endpoint<WechatRequest, Accepted> pushes() {
    return Endpoint.of(
        "POST",
        PATH,
        Body.buffered(maxBodyBytes),
        head -> checkAccount(head.pathParam("account")),
        r -> accept(r.pathParam("account"), query(r), r.body()),
        (request, accepted) -> {
          WechatAnswer answer =
              answer(
                  request,
                  accepted.messageId(),
                  accepted.opened() ? accepted.trackingNumber() : null,
                  accepted.queryCode());
          return Ack.of(200, answer.contentType(), answer.body());
        });
  }

  private static WechatQuery query(InboundRequest r) {
    return new WechatQuery(
        r.param(WechatQuery.SIGNATURE),
        r.param(WechatQuery.TIMESTAMP),
        r.param(WechatQuery.NONCE),
        r.param(WechatQuery.ECHOSTR),
        r.param(WechatQuery.ENCRYPT_TYPE),
        r.param(WechatQuery.MSG_SIGNATURE));
  }

  /** Largest body accepted; larger ones are refused with 413 before they are read. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Messages of one citizen within this idle time form one ticket. */
  public Duration conversationWindow() {
    return conversationWindow;
  }

  /**
   * @throws ChannelException {@code unknown_account} when no account has this name
   */
  public void checkAccount(String account) {
    find(account);
  }

  /**
   * URL verification (GET): answers {@code echostr} when the signature is right.
   *
   * @throws ChannelException 401 {@code invalid_signature} / {@code stale_timestamp}, 400 {@code
   *     missing_parameter}, 404 {@code unknown_account}
   */
  public String verifyUrl(String account, WechatQuery query) {
    Account a = find(account);
    checkSignature(a, query);
    if (query.echostr() == null || query.echostr().isEmpty() || query.echostr().length() > 128) {
      throw new ChannelException(ErrorCode.MISSING_PARAMETER, "echostr is required.");
    }
    return query.echostr();
  }

  /**
   * Authenticates, decrypts and reads one push.
   *
   * @throws ChannelException 401 when a signature, the timestamp, the ciphertext or its appId is
   *     wrong, 400 for XML that is malformed or has a DOCTYPE, 404 for an unknown account; nothing
   *     may be written then
   */
  public WechatRequest accept(String account, WechatQuery query, byte[] body) {
    Account a = find(account);
    checkSignature(a, query);
    Map<String, String> outer = SafeXml.parse(body);
    Map<String, String> fields;
    boolean compatible = a.config().mode().equals(WechatAccountConfig.COMPATIBLE);
    if (compatible && a.crypto() != null && !query.encrypted()) {
      // WeChat sends compatible-mode pushes with encrypt_type=aes, msg_signature and <Encrypt>
      // beside the plaintext; the plaintext alone is not covered by any signature
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE,
          "A compatible-mode push must carry msg_signature and its signed <Encrypt>.");
    }
    if (query.encrypted()) {
      fields = SafeXml.parse(decrypt(a, query, outer.get(WechatFields.ENCRYPT), compatible));
    } else if (a.config().mode().equals(WechatAccountConfig.SAFE)) {
      throw new ChannelException(
          ErrorCode.ENCRYPTION_REQUIRED, "This account accepts encrypted (safe mode) pushes only.");
    } else {
      fields = outer;
    }
    Instant now = clock.instant();
    Inbound inbound = WechatMessageMapper.toInbound(account, a.config().appId(), fields, now);
    return new WechatRequest(
        inbound,
        account,
        query.encrypted(),
        query.timestamp(),
        query.nonce(),
        fields.get(WechatFields.FROM_USER),
        fields.getOrDefault(WechatFields.TO_USER, ""),
        fields.get(WechatFields.CREATE_TIME));
  }

  /**
   * The answer to a push once it is durably appended.
   *
   * @param request the push
   * @param openedTrackingNumber the tracking number when this message opened a ticket, else null
   * @param queryCode its 查询码, or null
   */
  public WechatAnswer answer(
      WechatRequest request, String messageId, String openedTrackingNumber, String queryCode) {
    Account a = find(request.account());
    String template = a.config().passiveReply();
    if (template.isEmpty() || openedTrackingNumber == null) {
      return WechatAnswer.SUCCESS;
    }
    String xml =
        WechatReply.text(
            request,
            template
                .replace("{trackingNumber}", openedTrackingNumber)
                .replace("{queryCode}", queryCode == null ? "" : queryCode));
    if (!request.encrypted() || a.crypto() == null) {
      return new WechatAnswer("application/xml; charset=utf-8", xml);
    }
    String encrypt = a.crypto().encrypt(a.crypto().derivedRandom(messageId), xml);
    String signature =
        WechatCrypto.signature(a.token(), request.timestamp(), request.nonce(), encrypt);
    return new WechatAnswer(
        "application/xml; charset=utf-8",
        WechatReply.envelope(encrypt, signature, request.timestamp(), request.nonce()));
  }

  private byte[] decrypt(Account a, WechatQuery query, String encrypt, boolean compatible) {
    if (a.crypto() == null) {
      throw new ChannelException(
          ErrorCode.DECRYPTION_FAILED, "This account is configured for plaintext pushes.");
    }
    if (encrypt == null || encrypt.isEmpty()) {
      // in compatible mode the plaintext beside it must not be read instead: a signature refusal
      throw compatible
          ? new ChannelException(
              ErrorCode.INVALID_SIGNATURE, "msg_signature cannot be verified: no <Encrypt>.")
          : new ChannelException(ErrorCode.MALFORMED_XML, "An encrypted push needs <Encrypt>.");
    }
    String expected = WechatCrypto.signature(a.token(), query.timestamp(), query.nonce(), encrypt);
    if (!WechatCrypto.matches(expected, query.msgSignature())) {
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE, "msg_signature does not match the encrypted message.");
    }
    return a.crypto().decrypt(encrypt);
  }

  private void checkSignature(Account a, WechatQuery query) {
    String timestamp = query.timestamp();
    String nonce = query.nonce();
    if (timestamp == null || nonce == null || query.signature() == null) {
      throw new ChannelException(
          ErrorCode.MISSING_PARAMETER, "signature, timestamp and nonce are required.");
    }
    if (!TIMESTAMP.matcher(timestamp).matches() || !NONCE.matcher(nonce).matches()) {
      throw new ChannelException(
          ErrorCode.MISSING_PARAMETER, "timestamp must be Unix seconds and nonce a token.");
    }
    if (!WechatCrypto.matches(
        WechatCrypto.signature(a.token(), timestamp, nonce), query.signature())) {
      throw new ChannelException(
          ErrorCode.INVALID_SIGNATURE, "signature does not match this account's token.");
    }
    if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > toleranceSeconds) {
      throw new ChannelException(
          ErrorCode.STALE_TIMESTAMP,
          "timestamp is more than " + toleranceSeconds + " seconds away from now.");
    }
  }

  private Account find(String account) {
    Account a = account == null ? null : accounts.get(account);
    if (a == null) {
      throw new ChannelException(
          ErrorCode.UNKNOWN_ACCOUNT, "No WeChat account is configured under this name.");
    }
    return a;
  }
}
