package cn.gov12345.intake.http.door;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** The echo channel's I/O half: it keeps what it was sent (a stand-in for the stream). */
final class EchoModule implements ChannelModule {

  final List<String> received = new ArrayList<>();
  private final EchoChannel channel = new EchoChannel();

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    return List.of(
        Binding.of(
            channel.lines(),
            (request, text) -> {
              received.add(text);
              String id = "m-" + received.size();
              return Future.succeededFuture(new Accepted(id, null, null, null, true, false));
            }));
  }
}
