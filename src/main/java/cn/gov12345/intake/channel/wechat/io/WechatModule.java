package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.wechat.WechatChannel;
import cn.gov12345.intake.http.Appends;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.Work;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.pipeline.ConversationPipeline;
import java.util.List;
import java.util.function.Function;

/**
 * The WeChat channel's I/O: a push joins its citizen's conversation (a new ticket, or a clue
 * appended to the open one) through the loop's conversation pipeline. A store that does not confirm
 * answers 503, so WeChat retries.
 */
public final class WechatModule implements ChannelModule {

  private final WechatChannel channel;
  private final Function<Loop, ConversationPipeline> conversations;
  private final QueryCodes codes;

  /**
   * @param codes the 查询码 of a new ticket, for the passive reply's {@code {queryCode}}
   * @param conversations builds one event loop's conversation pipeline (its store on that loop's
   *     Redis connection)
   */
  public WechatModule(
      WechatChannel channel, QueryCodes codes, Function<Loop, ConversationPipeline> conversations) {
    this.channel = channel;
    this.codes = codes;
    this.conversations = conversations;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public List<Binding<?, ?>> bind(Loop loop) {
    ConversationPipeline pipeline = conversations.apply(loop);
    return List.of(
        Binding.of(channel.verification(), Work.none()),
        Binding.of(
            channel.pushes(),
            (request, push) ->
                pipeline
                    .accept(push.inbound(), channel.conversationWindow())
                    .map(r -> Appends.accepted(r, codes))));
  }
}
