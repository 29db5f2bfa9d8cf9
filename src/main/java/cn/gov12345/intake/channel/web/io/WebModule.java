package cn.gov12345.intake.channel.web.io;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.channel.web.WebChannel;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Gate;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.Work;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.media.DiskReserve;
import cn.gov12345.intake.media.MediaStore;
import cn.gov12345.intake.stream.AppendResult;
import java.util.List;
import java.util.function.Function;

/**
 * The web form's I/O on one event loop. The gate runs on the submission's head, after the channel
 * checked its content type, CSRF token and proof-of-work and before any byte of a part reaches the
 * disk: the data volume's reserve, then the {@link SubmissionGuard} (challenge not used by another
 * filling, per-address and global rate-limit slots, the challenge claimed). Only then does the door
 * stream the parts; the photos are checked to be images, stored, and the ticket appended.
 */
public final class WebModule implements ChannelModule {

  private final WebChannel channel;
  private final Function<Loop, SubmissionGuard> guards;
  private final Function<Loop, MediaStore> media;
  private final QueryCodes queryCodes;
  private final DiskReserve reserve;

  /**
   * @param guards builds one event loop's guard (on that loop's Redis connection)
   * @param media builds one event loop's media store
   * @param reserve the data volume's free-space floor, checked before a part is stored
   */
  public WebModule(
      WebChannel channel,
      Function<Loop, SubmissionGuard> guards,
      Function<Loop, MediaStore> media,
      QueryCodes queryCodes,
      DiskReserve reserve) {
    this.channel = channel;
    this.guards = guards;
    this.media = media;
    this.queryCodes = queryCodes;
    this.reserve = reserve;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    SubmissionGuard guard = guards.apply(loop);
    PhotoIntake photos = new PhotoIntake(loop.vertx().fileSystem(), media.apply(loop));
    Gate admit =
        head -> {
          WebChannel.Admission admission = channel.admission(head);
          reserve.check();
          return guard
              .admit(admission.proofOfWork(), admission.idempotencyKey(), head.clientAddress())
              .map(v -> (Object) admission);
        };
    return List.of(
        Binding.of(channel.challenges(), Work.none()),
        Binding.gated(
            channel.submissions(),
            admit,
            (request, received) ->
                photos
                    .read(uploads(received.photos()))
                    .compose(photos::store)
                    .map(stored -> channel.inbound(received.submission(), stored))
                    .compose(loop.pipeline()::accept)
                    .map(this::accepted)));
  }

  private static List<PhotoIntake.Upload> uploads(List<InboundRequest.FilePart> files) {
    return files.stream().map(f -> new PhotoIntake.Upload(f.path(), f.contentType())).toList();
  }

  private Accepted accepted(AppendResult r) {
    return new Accepted(
        r.messageId(),
        r.ticketId(),
        r.trackingNumber(),
        queryCodes.codeFor(r.trackingNumber(), r.ticketId()),
        !r.duplicate(),
        r.duplicate());
  }
}
