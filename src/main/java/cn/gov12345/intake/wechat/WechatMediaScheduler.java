package cn.gov12345.intake.wechat;

import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.AttachmentFetches;
import cn.gov12345.intake.stream.CitizenData;
import cn.gov12345.intake.stream.ConversationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the download of every {@code wechat-media://appId/MediaId} attachment of a newly
 * accepted message, due at once. Fire and forget: the WeChat answer never waits for it. Should the
 * ZADD fail (Redis lost right after the append), the message event still holds the reference.
 */
public final class WechatMediaScheduler implements AttachmentFetches {

  public static final String SCHEME = "wechat-media://";

  private static final Logger LOG = LoggerFactory.getLogger(WechatMediaScheduler.class);

  private final RedisMediaFetches fetches;

  public WechatMediaScheduler(RedisMediaFetches fetches) {
    this.fetches = fetches;
  }

  @Override
  public void accepted(Inbound in, int partition, CitizenData citizen, ConversationResult result) {
    for (Attachment a : in.attachments()) {
      if (a.uri() == null || !a.uri().startsWith(SCHEME)) {
        continue;
      }
      MediaFetch fetch =
          new MediaFetch(
              partition,
              in.account(),
              a.uri().substring(a.uri().lastIndexOf('/') + 1),
              a.uri(),
              result.result().messageId(),
              result.result().ticketId(),
              result.result().trackingNumber(),
              citizen.pseudonym(),
              in.receivedAt().toEpochMilli(),
              0);
      fetches
          .schedule(fetch, in.receivedAt().toEpochMilli())
          .onFailure(
              e ->
                  LOG.warn(
                      "[{}] media fetch not scheduled ({}); the message keeps the reference",
                      fetch.messageId(),
                      e.toString()));
    }
  }
}
