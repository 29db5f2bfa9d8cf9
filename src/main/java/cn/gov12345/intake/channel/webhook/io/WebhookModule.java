package cn.gov12345.intake.channel.webhook.io;

import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.webhook.WebhookChannel;
import cn.gov12345.intake.http.Appends;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.identity.QueryCodes;
import java.util.List;

/** The webhook channel's I/O: each submission is appended through the loop's intake pipeline. */
public final class WebhookModule implements ChannelModule {

  private final WebhookChannel channel;
  private final QueryCodes codes;

  public WebhookModule(WebhookChannel channel, QueryCodes codes) {
    this.channel = channel;
    this.codes = codes;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    return List.of(
        Binding.of(
            channel.submissions(),
            (request, inbound) ->
                loop.pipeline().accept(inbound).map(r -> Appends.accepted(r, codes))));
  }
}
