package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.config.DeliveryConfig;
import cn.gov12345.intake.config.DestinationConfig;
import cn.gov12345.intake.config.PullConfig;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.IntakeException;
import cn.gov12345.intake.error.PullException;
import cn.gov12345.intake.pull.PullConsumers;
import cn.gov12345.intake.signing.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may report a status, and with which idempotency key. */
class StatusAuthenticatorTest {

  static final String WORK_ORDERS = "whsec_dGVzdC1vbmx5LXdvcmstb3JkZXJzLXNlY3JldC0zMiE=";
  static final String ROTATED = "whsec_dGVzdC1vbmx5LXJvdGF0ZWQtd29yay1vcmRlcnMtMzIh";
  static final String HOTLINE = "whsec_dGVzdC1vbmx5LWhvdGxpbmUtc3lzdGVtLXNlY3JldCE=";
  static final String PULL_KEY = "test-only-pull-key-for-status-reports";
  static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  static final long T = NOW.getEpochSecond();
  static final byte[] BODY = "{\"status\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

  final StatusAuthenticator authenticator =
      new StatusAuthenticator(
          new DeliveryConfig(
              null,
              null,
              null,
              0,
              null,
              Map.of(
                  "work-orders", destination(WORK_ORDERS, ROTATED),
                  "hotline", destination(HOTLINE)),
              null),
          new PullConsumers(
              new PullConfig(
                  1,
                  1,
                  null,
                  Map.of(
                      "dispatch",
                      new PullConsumerConfig("", PullConsumerConfig.sha256Hex(PULL_KEY), null)))),
          Duration.ofMinutes(5),
          Clock.fixed(NOW, ZoneOffset.UTC));

  static DestinationConfig destination(String... secrets) {
    return new DestinationConfig(
        "",
        "https://example.gov.cn/hook",
        List.of(secrets).stream().map(Secret::of).toList(),
        null,
        null,
        null,
        null,
        null);
  }

  static String sign(String whsec, String id, long t, byte[] body) {
    return StandardWebhooks.sign(Base64.getDecoder().decode(whsec.substring(6)), id, t, body);
  }

  static StatusAuthenticator.Credentials signed(String id, long t, String signature) {
    return new StatusAuthenticator.Credentials(null, null, id, Long.toString(t), signature);
  }

  @Test
  void aSignatureWithADestinationsSecretNamesThatDestination() {
    var who = authenticator.authenticate(signed("st_1", T, sign(HOTLINE, "st_1", T, BODY)), BODY);

    assertThat(who.reporter()).isEqualTo(Reporter.destination("hotline"));
    assertThat(who.reporter().source()).isEqualTo("/destinations/hotline");
    assertThat(who.dedupKey()).isEqualTo("st_1");
  }

  @Test
  void eitherSecretOfARotationIsAccepted() {
    String both = sign(WORK_ORDERS, "st_2", T, BODY) + " " + sign(ROTATED, "st_2", T, BODY);

    assertThat(authenticator.authenticate(signed("st_2", T, both), BODY).reporter().name())
        .isEqualTo("work-orders");
    assertThat(
            authenticator
                .authenticate(signed("st_3", T, sign(ROTATED, "st_3", T, BODY)), BODY)
                .reporter()
                .name())
        .isEqualTo("work-orders");
  }

  @Test
  void aForgedTamperedReplayedOrUnsignedReportIs401() {
    String good = sign(HOTLINE, "st_4", T, BODY);
    byte[] tampered = "{\"status\":\"replied\"}".getBytes(StandardCharsets.UTF_8);

    assertRefused(401, signed("st_4", T, "v1,AAAA"), BODY);
    assertRefused(401, signed("st_4", T, good), tampered);
    assertRefused(401, signed("st_5", T, good), BODY);
    assertRefused(401, signed("st_6", T - 301, sign(HOTLINE, "st_6", T - 301, BODY)), BODY);
    assertRefused(401, signed("st_7", T, sign("whsec_" + "QUJD".repeat(8), "st_7", T, BODY)), BODY);
    assertRefused(401, new StatusAuthenticator.Credentials(null, null, null, null, null), BODY);
    assertRefused(401, signed("st_8", T, null), BODY);
    assertRefused(401, new StatusAuthenticator.Credentials(null, null, "st_9", "soon", good), BODY);
  }

  @Test
  void aPullConsumerReportsWithItsKeyAndAnIdempotencyKey() {
    var who =
        authenticator.authenticate(
            new StatusAuthenticator.Credentials("Bearer " + PULL_KEY, "k-1", null, null, null),
            BODY);

    assertThat(who.reporter()).isEqualTo(Reporter.consumer("dispatch"));
    assertThat(who.dedupKey()).isEqualTo("k-1");
    assertRefused(
        400,
        new StatusAuthenticator.Credentials("Bearer " + PULL_KEY, null, null, null, null),
        BODY);
    assertRefused(
        400,
        new StatusAuthenticator.Credentials("Bearer " + PULL_KEY, "has space", null, null, null),
        BODY);
    assertRefused(
        401, new StatusAuthenticator.Credentials("Bearer nope", "k-2", null, null, null), BODY);
  }

  private void assertRefused(int status, StatusAuthenticator.Credentials c, byte[] body) {
    assertThatThrownBy(() -> authenticator.authenticate(c, body))
        .isInstanceOfSatisfying(
            IntakeException.class, e -> assertThat(e.errorCode().status()).isEqualTo(status))
        .isInstanceOfAny(ChannelException.class, PullException.class);
  }
}
