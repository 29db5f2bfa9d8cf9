package cn.gov12345.intake.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/wechat/samples/*.http} through the WeChat channel the way {@code
 * WechatRoutes} does: account, declared length, then signatures, decryption and reading. Each
 * sample is the first message of its conversation, so a message opens a ticket and an event none.
 */
class WechatChannelContractTest extends ChannelContractTest {

  private static final String PATH = "/channels/wechat/";

  private final WechatChannel channel = WechatFixtures.channel(CLOCK);

  @Override
  protected String channel() {
    return WechatChannel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).as("pushes are POSTed").isEqualTo("POST");
    assertThat(request.target()).as("sample request target").startsWith(PATH);
    String target = request.target().substring(PATH.length());
    int q = target.indexOf('?');
    String account = q < 0 ? target : target.substring(0, q);
    channel.checkAccount(account);
    if (request.body().length > channel.maxBodyBytes()) {
      throw new ChannelException(ErrorCode.BODY_TOO_LARGE, "The body is too large.");
    }
    WechatQuery query = WechatSigner.parse(q < 0 ? "" : target.substring(q + 1));
    return List.of(channel.accept(account, query, request.body()).inbound());
  }
}
