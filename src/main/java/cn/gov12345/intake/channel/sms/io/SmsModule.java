package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.sms.SmsAccepted;
import cn.gov12345.intake.channel.sms.SmsChannel;
import cn.gov12345.intake.channel.sms.SmsPush;
import cn.gov12345.intake.channel.sms.SmsText;
import cn.gov12345.intake.http.Appends;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.Work;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.pipeline.ConversationPipeline;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The SMS channel's I/O: every text of a push joins its citizen's conversation through the loop's
 * conversation pipeline, one after the other in push order (one citizen's texts stay ordered), each
 * deduplicated on its own by the conversation script. The push is answered only when every text is
 * confirmed; a store that does not confirm one fails the push (503), so the provider pushes it
 * again and the texts already appended answer as duplicates.
 */
public final class SmsModule implements ChannelModule {

  private final SmsChannel channel;
  private final QueryCodes codes;
  private final Function<Loop, ConversationPipeline> conversations;

  /**
   * @param conversations builds one event loop's conversation pipeline (its store on that loop's
   *     Redis connection)
   */
  public SmsModule(
      SmsChannel channel, QueryCodes codes, Function<Loop, ConversationPipeline> conversations) {
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
    Work<SmsPush, SmsAccepted> work = (request, push) -> appendAll(pipeline, push);
    return List.of(
        Binding.of(channel.aliyunPushes(), work), Binding.of(channel.gatewayPushes(), work));
  }

  private Future<SmsAccepted> appendAll(ConversationPipeline pipeline, SmsPush push) {
    List<Accepted> done = new ArrayList<>(push.texts().size());
    Future<Void> chain = Future.succeededFuture();
    for (SmsText text : push.texts()) {
      chain =
          chain.compose(
              none ->
                  pipeline
                      .acceptIndexed(
                          text.inbound(), channel.conversationWindow(), text.namedTrackingNumber())
                      .map(r -> done.add(Appends.accepted(r, codes)))
                      .mapEmpty());
    }
    return chain.map(none -> new SmsAccepted(done));
  }
}
