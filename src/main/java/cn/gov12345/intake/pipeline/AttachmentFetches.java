package cn.gov12345.intake.pipeline;

import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.stream.CitizenData;
import cn.gov12345.intake.stream.ConversationResult;

/**
 * Told of every newly accepted conversational message, after the store confirmed it; schedules the
 * download of attachments the channel only referenced (WeChat media ids). Must not block and must
 * not delay the answer: implementations fire and forget.
 */
@FunctionalInterface
public interface AttachmentFetches {

  AttachmentFetches NONE = (in, partition, citizen, result) -> {};

  void accepted(Inbound in, int partition, CitizenData citizen, ConversationResult result);
}
