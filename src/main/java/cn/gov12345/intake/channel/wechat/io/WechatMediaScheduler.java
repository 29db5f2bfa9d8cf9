package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.AttachmentFetches;
import cn.gov12345.intake.stream.PendingFetch;
import cn.gov12345.intake.stream.StreamKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules the download of every {@code wechat-media://appId/MediaId} attachment of a message, due
 * at once, inside the conversation script that appends the message (so an accepted message always
 * has its fetch pending). The member is the {@link MediaFetch} JSON, split around the ticket id and
 * tracking number that only the script knows.
 */
public final class WechatMediaScheduler implements AttachmentFetches {

  public static final String SCHEME = "wechat-media://";

  private static final String TICKET_SLOT = "@@ticket@@";
  private static final String TRACKING_SLOT = "@@tracking@@";

  private final StreamKeys keys;

  public WechatMediaScheduler(StreamKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<PendingFetch> pending(
      Inbound in, int partition, CitizenData citizen, String messageId) {
    List<PendingFetch> out = new ArrayList<>();
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
              messageId,
              TICKET_SLOT,
              TRACKING_SLOT,
              citizen.pseudonym(),
              in.receivedAt().toEpochMilli(),
              0);
      out.add(
          new PendingFetch(
              keys.mediaFetches(partition), in.receivedAt().toEpochMilli(), split(fetch.toJson())));
    }
    return out;
  }

  /** The member around its two slots; ids and pseudonyms never contain the slot markers. */
  private static List<byte[]> split(String json) {
    int ticket = json.indexOf(TICKET_SLOT);
    int tracking = json.indexOf(TRACKING_SLOT);
    if (ticket < 0 || tracking < ticket) {
      throw new IllegalStateException("the media fetch member lost its ticket slots");
    }
    return List.of(
        bytes(json.substring(0, ticket)),
        bytes(json.substring(ticket + TICKET_SLOT.length(), tracking)),
        bytes(json.substring(tracking + TRACKING_SLOT.length())));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
