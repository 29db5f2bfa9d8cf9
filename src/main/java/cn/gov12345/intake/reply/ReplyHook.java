package cn.gov12345.intake.reply;

import io.vertx.core.Future;
import java.util.Map;

/**
 * What another part of the loop adds to a reply: the survey ({@code survey/}) gives a survey its
 * rating link and registers the open survey under the address the citizen will answer from, before
 * the vendor is called (an answer may arrive before the vendor has even answered).
 */
public interface ReplyHook {

  /** Adds nothing. */
  ReplyHook NONE =
      new ReplyHook() {
        @Override
        public Map<String, String> values(ReplyRequest r) {
          return Map.of();
        }

        @Override
        public Future<Void> beforeSend(OutboundMessage m, String sender) {
          return Future.succeededFuture();
        }

        @Override
        public boolean lapsed(ReplyRequest r) {
          return false;
        }
      };

  /** Template values for the request beyond its own (e.g. {@code link}); may be empty. */
  Map<String, String> values(ReplyRequest r);

  /** Whether the request is past its use (a survey no longer answerable): then it is not sent. */
  boolean lapsed(ReplyRequest r);

  /** Runs after the reply is wired to {@code sender} and just before that sender is called. */
  Future<Void> beforeSend(OutboundMessage m, String sender);
}
