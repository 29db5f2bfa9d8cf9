package cn.gov12345.intake.channel.open311;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;
import java.util.Locale;

/**
 * Runs every {@code channels/open311/samples/*.http} through the Open311 channel the way {@code
 * Open311Routes} does: content type and size, strict form decoding, api_key, then the request.
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
    String type = request.header("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new ChannelException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send a form.");
    }
    if (request.body().length > channel.maxBodyBytes()) {
      throw new ChannelException(ErrorCode.BODY_TOO_LARGE, "The body is too large.");
    }
    FormBody form = FormBody.parse(request.body());
    String client = channel.authenticate(form.single("api_key"));
    return List.of(channel.accept(client, form, request.header("Idempotency-Key")));
  }
}
