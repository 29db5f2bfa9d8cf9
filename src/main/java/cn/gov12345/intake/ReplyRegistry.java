package cn.gov12345.intake;

import cn.gov12345.intake.config.RepliesConfig;
import cn.gov12345.intake.delivery.AttemptSenderFactory;
import cn.gov12345.intake.reply.CallbackTaskSender;
import cn.gov12345.intake.reply.RedisReplyStore;
import cn.gov12345.intake.reply.ReplyChain;
import cn.gov12345.intake.reply.ReplyDispatcher;
import cn.gov12345.intake.reply.ReplyMetrics;
import cn.gov12345.intake.reply.ReplySender;
import cn.gov12345.intake.reply.ReplyTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wiring of replies (docs/replies.md): the built-in {@code replies} delivery destination gets
 * the reply dispatcher as its sender, with one sender adapter per configured vendor and the
 * callback task last.
 */
final class ReplyRegistry {

  private ReplyRegistry() {}

  /** The built-in destinations' senders: none while replies are off. */
  static Map<String, AttemptSenderFactory> builtIn(Services s) {
    RepliesConfig c = s.config().replies();
    if (!c.enabled()) {
      return Map.of();
    }
    ReplyMetrics metrics = new ReplyMetrics(s.metrics().registry());
    AttemptSenderFactory factory =
        (vertx, web, redis) -> {
          RedisReplyStore store =
              new RedisReplyStore(s.keys(), s.config().stream().dedupTtl(), redis);
          List<ReplySender> senders = new ArrayList<>();
          senders.add(new CallbackTaskSender(store, s.sealer(), s.ids(), s.clock()));
          ReplyChain chain =
              new ReplyChain(
                  senders,
                  new ReplyTexts(c),
                  new ReplyChain.ChainSettings(
                      c.chains(), store, s.sealer(), s.queryCodes(), metrics, s.ids(), s.clock()));
          return new ReplyDispatcher(c, chain, store, s.ids(), s.clock());
        };
    return Map.of(RepliesConfig.DESTINATION, factory);
  }
}
