package cn.gov12345.intake.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.EndpointRunner;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/wechat/samples/*.http} through the push endpoint the WeChat channel
 * declares, as the door runs it: declared length, account, then signatures, decryption and reading.
 * Each sample is the first message of its conversation, so a message opens a ticket and an event
 * none.
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
    return List.of(((WechatRequest) EndpointRunner.read(channel, request)).inbound());
  }
}
