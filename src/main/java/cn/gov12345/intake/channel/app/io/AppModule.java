package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.channel.app.TusEndpoints;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Gate;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.media.DiskReserve;
import cn.gov12345.intake.metrics.UploadMetrics;
import cn.gov12345.intake.upload.UploadComponents;
import cn.gov12345.intake.upload.UploadStaging;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.function.Function;

/**
 * The app channel's I/O on one event loop: one authenticator (and JWKS cache) for submissions and
 * uploads, checked on the request head before any byte of a body is read; submissions go through
 * {@link AppSubmissions} (idempotency, media claims, the append), uploads through the tus store.
 */
public final class AppModule implements ChannelModule {

  private final AppChannel channel;
  private final Function<Loop, AppAuthenticator> authenticators;
  private final Function<Loop, AppSubmissions> submissions;
  private final Function<Loop, UploadComponents> uploads;
  private final UploadMetrics metrics;
  private final DiskReserve reserve;

  /**
   * @param authenticators builds one event loop's authenticator
   * @param submissions builds one event loop's submission flow
   * @param uploads builds one event loop's upload store
   * @param reserve the data volume's free-space floor, checked before an upload is created or
   *     written to
   */
  public AppModule(
      AppChannel channel,
      Function<Loop, AppAuthenticator> authenticators,
      Function<Loop, AppSubmissions> submissions,
      Function<Loop, UploadComponents> uploads,
      UploadMetrics metrics,
      DiskReserve reserve) {
    this.channel = channel;
    this.authenticators = authenticators;
    this.submissions = submissions;
    this.uploads = uploads;
    this.metrics = metrics;
    this.reserve = reserve;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    AppAuthenticator auth = authenticators.apply(loop);
    Gate user = head -> auth.authenticate(head.header("Authorization")).map(u -> (Object) u);
    Gate writer =
        head -> {
          reserve.check();
          return user.admit(head);
        };
    AppSubmissions flow = submissions.apply(loop);
    UploadComponents store = uploads.apply(loop);
    TusEndpoints tus = channel.uploads();
    return List.of(
        Binding.gated(
            channel.submissions(),
            user,
            (request, submission) ->
                flow.submit(request.principal(AppUser.class), submission).map(AppModule::accepted)),
        Binding.of(tus.options(), (request, v) -> Future.succeededFuture(store.uploads().maxSize()))
            .withHeaders(TusEndpoints.HEADERS),
        Binding.gated(
                tus.create(),
                writer,
                (request, c) -> create(store, request.principal(AppUser.class), c))
            .withHeaders(TusEndpoints.HEADERS),
        Binding.gated(
                tus.createSlash(),
                writer,
                (request, c) -> create(store, request.principal(AppUser.class), c))
            .withHeaders(TusEndpoints.HEADERS),
        Binding.gated(
                tus.head(),
                user,
                (request, id) -> store.uploads().committed(request.principal(AppUser.class), id))
            .withHeaders(TusEndpoints.HEADERS)
            .reachableByOverride(),
        patch(tus, writer, store),
        Binding.gated(
                tus.delete(),
                user,
                (request, id) ->
                    store
                        .uploads()
                        .terminate(request.principal(AppUser.class), id)
                        .map(v -> Boolean.TRUE))
            .withHeaders(TusEndpoints.HEADERS)
            .reachableByOverride());
  }

  /** PATCH: the upload store streams the body itself, after {@code 100 Continue} if asked. */
  private Binding<?, ?> patch(TusEndpoints tus, Gate user, UploadComponents store) {
    return Binding.streamed(
            tus.patch(),
            user,
            (head, patch, raw) ->
                store
                    .patches()
                    .patch(
                        head.principal(AppUser.class),
                        patch.id(),
                        patch.offset(),
                        patch.checksum(),
                        new UploadStaging.Body(raw, dropped(raw)),
                        () -> {
                          if (patch.expects100()) {
                            raw.response().writeContinue();
                          }
                        })
                    .onSuccess(s -> metrics.received(s.offset() - patch.offset(), s.complete())))
        .withHeaders(TusEndpoints.HEADERS)
        .reachableByOverride();
  }

  /**
   * Completes when the request's connection closes before its answer was sent: the client went away
   * mid-PATCH (seen even while the body is paused for back-pressure).
   */
  private static Future<Void> dropped(HttpServerRequest raw) {
    Promise<Void> gone = Promise.promise();
    raw.response().closeHandler(v -> gone.tryComplete());
    return gone.future();
  }

  private Future<cn.gov12345.intake.channel.app.UploadState> create(
      UploadComponents store, AppUser user, TusEndpoints.Creation c) {
    return store.uploads().create(user, c.length(), c.metadata()).onSuccess(s -> metrics.created());
  }

  private static Accepted accepted(Submitted s) {
    return new Accepted(
        s.ids().messageId(),
        s.ids().ticketId(),
        s.ids().trackingNumber(),
        s.queryCode(),
        !s.replayed(),
        s.replayed());
  }
}
