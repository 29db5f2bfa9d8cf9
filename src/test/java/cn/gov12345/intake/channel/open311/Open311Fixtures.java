package cn.gov12345.intake.channel.open311;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.Open311ChannelConfig;
import cn.gov12345.intake.config.Open311ClientConfig;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.support.TestIdentity;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** An Open311 channel with the bundled services and the client {@code city-app} of the samples. */
public final class Open311Fixtures {

  /** The api_key of {@code city-app} in channels/open311/samples. */
  public static final String KEY = "sample-only-open311-city-app-key-0123456789";

  private Open311Fixtures() {}

  /** The channel, every request without Idempotency-Key named {@code sample-request}. */
  static Open311Channel channel(Clock clock) {
    return channel(clock, () -> "sample-request");
  }

  static Open311Channel channel(Clock clock, Supplier<String> requestIds) {
    Open311ChannelConfig defaults = new ConfigLoader(name -> null).load(null).channels().open311();
    Open311ChannelConfig config =
        new Open311ChannelConfig(
            defaults.maxBodyBytes(),
            "",
            Map.of("city-app", new Open311ClientConfig("", PullConsumerConfig.sha256Hex(KEY))),
            defaults.services());
    return new Open311Channel(config, TestIdentity.phones(), clock, requestIds);
  }
}
