package cn.gov12345.intake.channel.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.HttpSample;
import java.util.List;

/**
 * Runs every {@code channels/telephony/samples/*.http} through the telephony channel the way {@code
 * TelephonyRoutes} does (integration, declared length, then the vendor's authentication and
 * parsing). Each accepted sample is one call event: a {@code message.received} of kind {@code call}
 * and no ticket (the call's ticket comes from the state machine, see the ITs).
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
    String[] path = request.target().substring(BASE.length()).split("/");
    channel.checkIntegration(path[0], path[1], path.length > 2 ? path[2] : null);
    if (request.body().length > channel.maxBodyBytes()) {
      throw new ChannelException(ErrorCode.BODY_TOO_LARGE, "The body is too large.");
    }
    TelephonyRequest r =
        switch (path[0]) {
          case "twilio" ->
              channel.twilio(
                  path[1],
                  path[2],
                  request.target(),
                  request.header(TwilioSignature.HEADER),
                  request.body());
          case "cti" ->
              channel.cti(
                  path[1],
                  request.header(StandardWebhooks.HEADER_ID),
                  request.header(StandardWebhooks.HEADER_TIMESTAMP),
                  request.header(StandardWebhooks.HEADER_SIGNATURE),
                  request.body());
          default -> channel.zammad(path[1], path[2], request.body());
        };
    return List.of(r.inbound());
  }
}
