package cn.gov12345.intake.channel.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.EndpointRunner;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/telephony/samples/*.http} through the endpoints the telephony channel
 * declares, as the door runs them (declared length, integration, then the vendor's authentication
 * and parsing). Each accepted sample is one call event: a {@code message.received} of kind {@code
 * call} and no ticket (the call's ticket comes from the state machine, see the ITs).
 */
class TelephonyChannelContractTest extends ChannelContractTest {

  private static final String BASE = "/channels/telephony/";

  private final TelephonyChannel channel = TelephonyFixtures.channel(CLOCK);

  @Override
  protected String channel() {
    return TelephonyChannel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).startsWith(BASE);
    return List.of(((TelephonyRequest) EndpointRunner.read(channel, request)).inbound());
  }
}
