package cn.gov12345.intake.survey;

import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyHook;
import cn.gov12345.intake.reply.ReplyRequest;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The survey's part in sending a reply of kind {@code survey}: its template gets {@code {link}}
 * (the signed rating page of the ticket) and {@code expiresAt}; and before a WeChat or SMS sender
 * is called, the survey is registered as open under the address the citizen will answer from — the
 * pseudonym of the phone number (SMS) or of the account's openid (WeChat), which is what that
 * citizen's inbound texts carry.
 */
public final class SurveyHook implements ReplyHook {

  private final SurveyTokens tokens;
  private final RedisSurveyStore store;
  private final Pseudonymizer pseudonymizer;
  private final Map<String, String> wechatAppIds;
  private final String linkBase;
  private final Duration delay;
  private final Duration expiry;
  private final Clock clock;

  /**
   * @param wechatAppIds WeChat account name -> its appId (openid pseudonyms are per appId)
   * @param linkBase where citizens reach {@code /rate/<token>}, without a trailing slash
   */
  public SurveyHook(
      SurveyTokens tokens,
      RedisSurveyStore store,
      Pseudonymizer pseudonymizer,
      Map<String, String> wechatAppIds,
      String linkBase,
      Duration delay,
      Duration expiry,
      Clock clock) {
    this.tokens = tokens;
    this.store = store;
    this.pseudonymizer = pseudonymizer;
    this.wechatAppIds = Map.copyOf(wechatAppIds);
    this.linkBase = linkBase;
    this.delay = delay;
    this.expiry = expiry;
    this.clock = clock;
  }

  /**
   * A survey no longer answerable (sent so late — a long outage, a replayed dead letter) is
   * dropped.
   */
  @Override
  public boolean lapsed(ReplyRequest r) {
    return "survey".equals(r.kind()) && !expiresAt(r).isAfter(clock.instant());
  }

  @Override
  public Map<String, String> values(ReplyRequest r) {
    if (!"survey".equals(r.kind())) {
      return Map.of();
    }
    Instant expires = expiresAt(r);
    return Map.of(
        "link",
        linkBase + "/rate/" + tokens.sign(r.ticketId(), r.trackingNumber(), expires),
        "expiresAt",
        Long.toString(expires.toEpochMilli()));
  }

  /** The survey can be answered until {@code expiry} after 办结 (= notBefore − delay). */
  private Instant expiresAt(ReplyRequest r) {
    Instant closed =
        r.notBefore() != null
            ? Instant.parse(r.notBefore()).minus(delay)
            : Instant.parse(r.requestedAt());
    return closed.plus(expiry);
  }

  @Override
  public Future<Void> beforeSend(OutboundMessage m, String sender) {
    if (!"survey".equals(m.kind()) || !m.params().containsKey("expiresAt")) {
      return Future.succeededFuture();
    }
    String pseudonym = answeringPseudonym(m, sender);
    if (pseudonym == null) {
      return Future.succeededFuture();
    }
    return store
        .open(
            pseudonym,
            m.ticketId(),
            m.trackingNumber(),
            Long.parseLong(m.params().get("expiresAt")))
        .mapEmpty();
  }

  private String answeringPseudonym(OutboundMessage m, String sender) {
    String phone = m.address().phone();
    String openid = m.address().openid();
    String appId = wechatAppIds.get(m.account());
    return switch (sender) {
      case "sms" ->
          phone == null ? null : pseudonymizer.pseudonym(CitizenRef.IdScheme.PHONE, phone);
      case "wechat_custom", "wechat_template" ->
          openid == null || appId == null
              ? null
              : pseudonymizer.pseudonym(CitizenRef.IdScheme.WECHAT_OPENID, appId + ":" + openid);
      default -> null;
    };
  }
}
