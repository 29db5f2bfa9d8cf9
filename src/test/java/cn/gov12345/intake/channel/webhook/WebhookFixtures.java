package cn.gov12345.intake.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.WebhookChannelConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.TestIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The webhook channel as the tests configure it: source {@code partner} with the test-only secret
 * documented in {@code channels/webhook/README.md}, and a second source {@code other} with its own.
 */
final class WebhookFixtures {

  /** Test-only secret of source {@code partner} (also in the README and the samples). */
  static final String PARTNER_SECRET = "whsec_dGVzdC1vbmx5LXBhcnRuZXItc2VjcmV0LTMyLWJ5dGVzISE=";

  /** Test-only secret of source {@code other}. */
  static final String OTHER_SECRET = "whsec_dGVzdC1vbmx5LW90aGVyLXNvdXJjZS1zZWNyZXQtMzItYnl0ZXM=";

  /** Test-only secret that {@code rotating} is moving to (its first one is the partner's). */
  static final String NEW_SECRET = "whsec_dGVzdC1vbmx5LW5ldy1yb3RhdGVkLXNlY3JldC0zMi1ieXRlcyEh";

  static final int MAX_BODY_BYTES = 65536;

  private WebhookFixtures() {}

  static WebhookChannel channel(Clock clock) {
    WebhookChannelConfig config =
        new WebhookChannelConfig(
            MAX_BODY_BYTES,
            Duration.ofMinutes(5),
            Map.of(
                "partner", source(PARTNER_SECRET),
                "other", source(OTHER_SECRET),
                "rotating", source(PARTNER_SECRET, NEW_SECRET)));
    return new WebhookChannel(config, TestIdentity.phones(), clock);
  }

  static byte[] key(String whsec) {
    return Base64.getDecoder().decode(whsec.substring("whsec_".length()));
  }

  /** The {@code v1,…} signature of a body with a secret. */
  static String sign(String whsec, String id, long timestamp, byte[] body) {
    return StandardWebhooks.sign(key(whsec), id, timestamp, body);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Asserts that a call is refused with a code (and so produces no {@code Inbound}). */
  static void assertRefused(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
  }

  private static WebhookSourceConfig source(String... secrets) {
    return new WebhookSourceConfig(
        "test source", List.of(secrets).stream().map(Secret::of).toList());
  }
}
