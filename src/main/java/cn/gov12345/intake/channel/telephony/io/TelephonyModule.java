package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.telephony.CallOutcome;
import cn.gov12345.intake.channel.telephony.TelephonyChannel;
import cn.gov12345.intake.channel.telephony.TelephonyRequest;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.Work;
import cn.gov12345.intake.identity.QueryCodes;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * The telephony channel's I/O: every call event becomes one step of the call state machine,
 * recorded by {@code call.lua} through the loop's connection.
 */
public final class TelephonyModule implements ChannelModule {

  private final TelephonyChannel channel;
  private final CallSteps steps;
  private final Function<Loop, RedisCallStore> stores;
  private final QueryCodes codes;

  /**
   * @param stores builds one event loop's call store (on that loop's Redis connection)
   * @param codes the 查询码 of a call's ticket, for the CTI and Zammad answers
   */
  public TelephonyModule(
      TelephonyChannel channel,
      CallSteps steps,
      Function<Loop, RedisCallStore> stores,
      QueryCodes codes) {
    this.channel = channel;
    this.steps = steps;
    this.stores = stores;
    this.codes = codes;
  }

  private CallOutcome withCode(CallOutcome o) {
    return o.ticketId().isEmpty() || o.trackingNumber().isEmpty()
        ? o
        : o.withQueryCode(codes.codeFor(o.trackingNumber(), o.ticketId()));
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    RedisCallStore store = stores.apply(loop);
    // building the step inside the chain: a failure there reaches the TwiML fallback too
    Work<TelephonyRequest, CallOutcome> record =
        (request, event) ->
            Future.succeededFuture(event)
                .map(steps::step)
                .compose(store::record)
                .map(this::withCode);
    return List.of(
        Binding.of(channel.twilioHooks(), record),
        Binding.of(channel.ctiEvents(), record),
        Binding.of(channel.zammadEvents(), record));
  }
}
