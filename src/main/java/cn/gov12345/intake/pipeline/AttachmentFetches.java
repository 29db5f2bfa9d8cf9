package cn.gov12345.intake.pipeline;

import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.stream.PendingFetch;
import java.util.List;

/**
 * Downloads of attachments a channel only referenced (WeChat media ids), scheduled by the
 * conversation script in the same atomic step that appends the message: a crash can never leave an
 * accepted message whose media nobody will fetch.
 */
@FunctionalInterface
public interface AttachmentFetches {

  AttachmentFetches NONE = (in, partition, citizen, messageId) -> List.of();

  /** The fetches to schedule with this message (none when it references no such attachment). */
  List<PendingFetch> pending(Inbound in, int partition, CitizenData citizen, String messageId);
}
