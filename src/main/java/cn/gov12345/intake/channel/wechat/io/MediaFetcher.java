package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.channel.wechat.WechatChannel;
import cn.gov12345.intake.media.MediaStore;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.MessageKind;
import cn.gov12345.intake.model.TicketAppendedData;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.stream.EventFactory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the pending media downloads: claims the due ones of every partition, downloads each through
 * {@link WechatApi}, stores it in the {@link MediaStore} and appends a {@code ticket.appended.v1}
 * event with the stored attachment (uri, sha256, size, sniffed type, status {@code stored}) to the
 * message's ticket. A failure that may pass is retried after the next delay of {@code
 * channels.wechat.mediaRetry}; after the last one, on a permanent WeChat refusal, or when the
 * medium is older than WeChat keeps media (3 days), the appended event records the attachment as
 * {@code unavailable} with the error code. The message event keeps the original reference either
 * way.
 */
public final class MediaFetcher {

  static final Duration MEDIA_LIFETIME = Duration.ofDays(3);
  static final long LEASE_MS = Duration.ofMinutes(5).toMillis();
  static final int BATCH = 16;
  private static final String WECHAT_OPENID =
      CitizenRef.IdScheme.WECHAT_OPENID.name().toLowerCase(Locale.ROOT);

  private static final Logger LOG = LoggerFactory.getLogger(MediaFetcher.class);

  private final WechatApi api;
  private final MediaStore store;
  private final RedisMediaFetches pending;
  private final EventFactory events;
  private final Ids ids;
  private final Clock clock;
  private final List<Duration> retry;

  public MediaFetcher(
      WechatApi api,
      MediaStore store,
      RedisMediaFetches pending,
      EventFactory events,
      Ids ids,
      Clock clock,
      List<Duration> retry) {
    this.api = api;
    this.store = store;
    this.pending = pending;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
    this.retry = List.copyOf(retry);
  }

  /** Claims and works the due fetches of one partition; succeeds when all of them settled. */
  public Future<Void> poll(int partition) {
    return pending.work(partition, clock.millis(), LEASE_MS, BATCH, this::work);
  }

  private Future<Void> work(String member, MediaFetch fetch) {
    if (clock.millis() - fetch.receivedAt() > MEDIA_LIFETIME.toMillis()) {
      return giveUp(member, fetch, "expired");
    }
    return api.media(fetch.account(), fetch.mediaId())
        .compose(m -> store.put(m.bytes(), m.declaredType(), null))
        .compose(s -> stored(member, fetch, s), e -> failed(member, fetch, e));
  }

  private Future<Void> stored(String member, MediaFetch fetch, StoredMedia s) {
    LOG.info("[{}] medium stored ({} bytes, {})", fetch.messageId(), s.size(), s.sniffedType());
    Attachment a =
        new Attachment(
            s.uri(), s.sha256(), s.size(), s.sniffedType(), null, Attachment.STORED, null);
    return pending.finish(fetch.partition(), member, event(fetch, a)).mapEmpty();
  }

  private Future<Void> failed(String member, MediaFetch fetch, Throwable e) {
    WechatApiException w =
        e instanceof WechatApiException x ? x : WechatApiException.unavailable(e.toString());
    boolean last = fetch.attempt() >= retry.size();
    if (last || !w.error().transientFailure()) {
      return giveUp(member, fetch, w.code());
    }
    Duration delay = retry.get(fetch.attempt());
    LOG.info(
        "[{}] medium download failed ({}), attempt {} again in {}",
        fetch.messageId(),
        w.code(),
        fetch.attempt() + 2,
        delay);
    return pending.retry(member, fetch.next(), clock.millis() + delay.toMillis()).mapEmpty();
  }

  private Future<Void> giveUp(String member, MediaFetch fetch, String code) {
    LOG.warn("[{}] medium unavailable ({}), recorded on the ticket", fetch.messageId(), code);
    Attachment a =
        new Attachment(fetch.uri(), null, null, null, null, Attachment.UNAVAILABLE, code);
    return pending.finish(fetch.partition(), member, event(fetch, a)).mapEmpty();
  }

  private byte[] event(MediaFetch fetch, Attachment a) {
    TicketAppendedData data =
        new TicketAppendedData(
            fetch.trackingNumber(),
            fetch.ticketId(),
            fetch.messageId(),
            Instant.ofEpochMilli(clock.millis()).toString(),
            WechatChannel.NAME,
            fetch.account(),
            new CitizenData(fetch.pseudonym(), WECHAT_OPENID, null),
            MessageKind.MEDIA,
            null,
            null,
            List.of(a));
    return events.ticketAppended(ids.next(), data);
  }
}
