package cn.gov12345.intake.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.EndpointRunner;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/sms/samples/*.http} through the endpoint the SMS channel declares, as
 * the door runs it: declared length, integration, allowlist, path token and content type on the
 * head, then signature (generic format) and reading. Each sample's texts are their citizens' first,
 * so each opens a ticket.
 */
class SmsChannelContractTest extends ChannelContractTest {

  private final SmsChannel channel = SmsFixtures.channel(CLOCK);

  @Override
  protected String channel() {
    return SmsChannel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).as("pushes are POSTed").isEqualTo("POST");
    assertThat(request.target()).as("sample request target").startsWith("/channels/sms/");
    return ((SmsPush) EndpointRunner.read(channel, request))
        .texts().stream().map(SmsText::inbound).toList();
  }
}
