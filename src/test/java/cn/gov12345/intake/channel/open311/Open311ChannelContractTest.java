package cn.gov12345.intake.channel.open311;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.EndpointRunner;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/open311/samples/*.http} through the endpoint the Open311 channel
 * declares, as the door runs it: size, content type, strict form decoding, api_key, then the
 * request.
 */
class Open311ChannelContractTest extends ChannelContractTest {

  private final Open311Channel channel = Open311Fixtures.channel(CLOCK);

  @Override
  protected String channel() {
    return Open311Channel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).isIn("/open311/v2/requests.json", "/open311/v2/requests.xml");
    return List.of((Inbound) EndpointRunner.read(channel, request));
  }
}
