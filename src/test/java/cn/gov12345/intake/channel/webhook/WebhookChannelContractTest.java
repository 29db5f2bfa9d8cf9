package cn.gov12345.intake.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.EndpointRunner;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/webhook/samples/*.http} through the endpoint the webhook channel
 * declares, as the door runs it: declared length, pre-body check (source, content type), then
 * verify and read.
 */
class WebhookChannelContractTest extends ChannelContractTest {

  private static final String PATH = "/channels/webhook/";

  private final WebhookChannel channel = WebhookFixtures.channel(CLOCK);

  @Override
  protected String channel() {
    return WebhookChannel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).as("webhooks are POSTed").isEqualTo("POST");
    assertThat(request.target()).as("sample request target").startsWith(PATH);
    return List.of((Inbound) EndpointRunner.read(channel, request));
  }
}
