package cn.gov12345.intake.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/webhook/samples/*.http} through the webhook channel the way {@code
 * WebhookRoutes} does: preamble (source, content type, declared length), then verify and read.
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
    String source = request.target().substring(PATH.length());
    channel.checkPreamble(source, request.header("Content-Type"));
    if (request.body().length > channel.maxBodyBytes()) {
      throw new ChannelException(ErrorCode.BODY_TOO_LARGE, "The body is too large.");
    }
    WebhookHeaders headers =
        new WebhookHeaders(
            request.header(StandardWebhooks.HEADER_ID),
            request.header(StandardWebhooks.HEADER_TIMESTAMP),
            request.header(StandardWebhooks.HEADER_SIGNATURE));
    return List.of(channel.accept(source, headers, request.body()));
  }
}
