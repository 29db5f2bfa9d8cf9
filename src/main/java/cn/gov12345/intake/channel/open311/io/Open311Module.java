package cn.gov12345.intake.channel.open311.io;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.channel.open311.Open311Format;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.Work;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.status.StatusStore;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Open311 channel's I/O: service requests are appended through the loop's intake pipeline and
 * answered with their 查询码; reads look up the client's own requests in the status store.
 */
public final class Open311Module implements ChannelModule {

  private final Open311Channel channel;
  private final QueryCodes codes;
  private final Function<Loop, StatusStore> stores;
  private final StreamKeys keys;
  private final Duration dedupTtl;

  /**
   * @param stores builds one event loop's status store (on that loop's Redis connection)
   * @param dedupTtl how long Idempotency-Keys are remembered ({@code stream.dedupTtl})
   */
  public Open311Module(
      Open311Channel channel,
      QueryCodes codes,
      Function<Loop, StatusStore> stores,
      StreamKeys keys,
      Duration dedupTtl) {
    this.channel = channel;
    this.codes = codes;
    this.stores = stores;
    this.keys = keys;
    this.dedupTtl = dedupTtl;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    Open311Lookups lookups = new Open311Lookups(channel, stores.apply(loop));
    Open311Idempotency idempotency = new Open311Idempotency(keys, dedupTtl, loop.redis());
    List<Binding<?, ?>> all = new ArrayList<>();
    for (Open311Format format : Open311Format.values()) {
      all.add(Binding.of(channel.serviceList(format), Work.none()));
      all.add(
          Binding.of(
              channel.requests(format),
              (request, inbound) ->
                  keyed(inbound)
                      .map(key -> idempotency.check(inbound.account(), key, request.body()))
                      .orElse(Future.succeededFuture())
                      .compose(v -> loop.pipeline().accept(inbound))
                      .map(this::accepted)));
      all.add(Binding.of(channel.lookups(format), (request, query) -> lookups.rows(query)));
    }
    all.add(Binding.of(channel.lookup(), (request, query) -> lookups.rows(query)));
    all.add(Binding.of(channel.nothingElse(), Work.none()));
    return List.copyOf(all);
  }

  /** The client's Idempotency-Key, when the request came with one. */
  private static Optional<String> keyed(Inbound inbound) {
    String dedup = inbound.dedupKey();
    return dedup.startsWith(Open311Channel.KEYED)
        ? Optional.of(dedup.substring(Open311Channel.KEYED.length()))
        : Optional.empty();
  }

  private Accepted accepted(AppendResult r) {
    return new Accepted(
        r.messageId(),
        r.ticketId(),
        r.trackingNumber(),
        codes.codeFor(r.trackingNumber(), r.ticketId()),
        !r.duplicate(),
        r.duplicate());
  }
}
