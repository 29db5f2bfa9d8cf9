package cn.gov12345.intake.stream;

/**
 * What the store answered for a conversational message.
 *
 * @param result the (original) ids, as for any append
 * @param opened true when this message (originally) opened the ticket
 */
public record ConversationResult(AppendResult result, boolean opened) {}
