package cn.gov12345.intake.stream;

import io.vertx.core.Future;

/** Conversations on the durable stream: the port conversational channels append through. */
public interface ConversationStore {

  /**
   * Appends atomically: dedup check, open or continue the conversation ticket, XADD the ticket and
   * message events, remember the dedup key and refresh the conversation window.
   *
   * @return the result once the store confirmed it; fails with {@link
   *     cn.gov12345.intake.error.StoreUnavailableException} when the store did not confirm
   */
  Future<ConversationResult> append(ConversationAppend append);
}
