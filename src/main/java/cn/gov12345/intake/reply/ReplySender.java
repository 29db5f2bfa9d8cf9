package cn.gov12345.intake.reply;

import io.vertx.core.Future;

/**
 * Outbound port: one way of reaching a citizen back (a WeChat customer-service message, a WeChat
 * template message, an SMS through a provider, an app push through the app backend, a callback task
 * for the call center). The reply worker walks a channel's configured chain of senders and asks
 * each in turn; each adapter lives in the folder of the channel whose vendor it talks to.
 *
 * <p>Adapters are small: build the vendor's documented request, sign it, classify the vendor's
 * answer into a {@link SendOutcome}. They never log the address or the text at INFO.
 */
public interface ReplySender {

  /** The name chains use in config ({@code wechat_custom}, {@code sms}, {@code app_push}, …). */
  String kind();

  /**
   * Whether this sender can try {@code message} at all (it has the address kind it needs, e.g. an
   * openid for WeChat, a phone for SMS; its account or template is configured). A sender that
   * cannot is skipped without an attempt and without an event.
   */
  boolean canReach(OutboundMessage message);

  /**
   * Makes one attempt. Never fails: every outcome, a timeout or a refused connection included, is a
   * {@link SendOutcome}.
   */
  Future<SendOutcome> send(OutboundMessage message);
}
