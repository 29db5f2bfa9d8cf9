package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplySender;
import cn.gov12345.intake.reply.SendOutcome;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code wechat_custom}: the reply as a customer-service (客服) text message through {@link
 * WechatApi#sendText}, to the openid on the ticket's official account (发送客服消息,
 * https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage).
 *
 * <p>WeChat takes customer-service messages only within 48 hours of the citizen's last message (and
 * at most 5 of them). A reply whose {@link OutboundMessage#lastInteraction()} is 48 hours or more
 * ago is answered {@code NEXT} with vendor code {@code 45015} without calling WeChat (saves the API
 * quota; the next sender, a template message, takes it); an unknown last interaction is left to
 * WeChat. Outcomes: errcode 0 → {@code SENT}; 45015 (window closed), 45047 (customer-service
 * quota), 45009 (API quota), 40003 (not a follower), 48001 (API not authorized) and any other
 * errcode → {@code NEXT}; -1, a token refused after the one refresh, HTTP errors and a refused
 * connection → {@code RETRY}; a time-out after the request was written → {@code UNKNOWN}.
 */
public final class WechatCustomReplySender implements ReplySender {

  public static final String KIND = "wechat_custom";

  /** WeChat's customer-service window after the citizen's last message. */
  public static final Duration WINDOW = Duration.ofHours(48);

  static final String WINDOW_CLOSED = "45015";

  private static final Set<Integer> NEXT = Set.of(45015, 45047, 45009, 40003, 48001);

  private final WechatApi api;
  private final Clock clock;

  public WechatCustomReplySender(WechatApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean canReach(OutboundMessage message) {
    return message.address().openid() != null && api.knows(message.account());
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    if (windowClosed(message.lastInteraction())) {
      return Future.succeededFuture(
          SendOutcome.next(WINDOW_CLOSED, "window_closed: last interaction 48 h ago or more"));
    }
    return api.sendText(message.account(), message.address().openid(), message.text())
        .map(v -> SendOutcome.sent(""))
        .otherwise(e -> WechatReplyOutcomes.of(e, NEXT));
  }

  private boolean windowClosed(Instant lastInteraction) {
    return lastInteraction != null && !clock.instant().isBefore(lastInteraction.plus(WINDOW));
  }
}
