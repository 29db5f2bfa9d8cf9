package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.telephony.TelephonyChannel;
import cn.gov12345.intake.channel.telephony.io.RecordingDownloader.RecordingException;
import cn.gov12345.intake.media.MediaStore;
import cn.gov12345.intake.media.PendingDownloads;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.MessageKind;
import cn.gov12345.intake.model.TicketAppendedData;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.stream.EventFactory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the pending recording downloads of one partition: downloads each, stores it in the {@link
 * MediaStore} (sha256, size, sniffed type) and appends a {@code ticket.appended.v1} with the stored
 * attachment to the call's ticket. Network errors, 5xx and 429 are retried after each delay of
 * {@code channels.telephony.recordingRetry}; after the last one, or on a refusal such as 404 (the
 * URL expired), the appended event records the recording as {@code unavailable} with the error.
 */
public final class RecordingFetcher {

  static final long LEASE_MS = Duration.ofMinutes(5).toMillis();
  static final int BATCH = 8;

  private static final Logger LOG = LoggerFactory.getLogger(RecordingFetcher.class);

  private final RecordingDownloader downloader;
  private final MediaStore store;
  private final PendingDownloads pending;
  private final EventFactory events;
  private final Ids ids;
  private final Clock clock;
  private final List<Duration> retry;

  public RecordingFetcher(
      RecordingDownloader downloader,
      MediaStore store,
      PendingDownloads pending,
      EventFactory events,
      Ids ids,
      Clock clock,
      List<Duration> retry) {
    this.downloader = downloader;
    this.store = store;
    this.pending = pending;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
    this.retry = List.copyOf(retry);
  }

  /** Claims and works the due downloads of one partition. */
  public Future<Void> poll(int partition) {
    return pending.work(
        partition, clock.millis(), LEASE_MS, BATCH, RecordingFetch.class, this::work);
  }

  private Future<Void> work(String member, RecordingFetch fetch) {
    return downloader
        .download(fetch)
        .compose(r -> store.put(r.bytes(), r.declaredType(), fetch.recordingId()))
        .compose(s -> stored(member, fetch, s), e -> failed(member, fetch, e));
  }

  private Future<Void> stored(String member, RecordingFetch fetch, StoredMedia s) {
    LOG.info("[{}] recording stored ({} bytes, {})", fetch.messageId(), s.size(), s.sniffedType());
    Attachment a =
        new Attachment(
            s.uri(),
            s.sha256(),
            s.size(),
            s.sniffedType(),
            fetch.recordingId(),
            Attachment.STORED,
            null);
    return pending.finish(fetch.partition(), member, event(fetch, a)).mapEmpty();
  }

  private Future<Void> failed(String member, RecordingFetch fetch, Throwable e) {
    RecordingException r =
        e instanceof RecordingException x ? x : new RecordingException("store_failed", true);
    if (fetch.attempt() >= retry.size() || !r.transientFailure()) {
      LOG.warn(
          "[{}] recording unavailable ({}), recorded on the ticket", fetch.messageId(), r.code());
      Attachment a =
          new Attachment(
              fetch.url(), null, null, null, fetch.recordingId(), Attachment.UNAVAILABLE, r.code());
      return pending.finish(fetch.partition(), member, event(fetch, a)).mapEmpty();
    }
    Duration delay = retry.get(fetch.attempt());
    LOG.info(
        "[{}] recording download failed ({}), attempt {} in {}",
        fetch.messageId(),
        r.code(),
        fetch.attempt() + 2,
        delay);
    return pending
        .retry(fetch.partition(), member, fetch.next().toJson(), clock.millis() + delay.toMillis())
        .mapEmpty();
  }

  private byte[] event(RecordingFetch fetch, Attachment a) {
    TicketAppendedData data =
        new TicketAppendedData(
            fetch.trackingNumber(),
            fetch.ticketId(),
            fetch.messageId(),
            Instant.ofEpochMilli(clock.millis()).toString(),
            TelephonyChannel.NAME,
            fetch.account(),
            new CitizenData(fetch.pseudonym(), fetch.scheme(), null),
            MessageKind.MEDIA,
            null,
            null,
            List.of(a));
    return events.ticketAppended(ids.next(), data);
  }
}
