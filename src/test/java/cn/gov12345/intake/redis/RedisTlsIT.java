package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.TlsRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://}: the gateway against a real redis-server 7 that speaks only TLS ({@code port
 * 0}, {@code tls-port}, client certificates required), with a CA and certificates made for the
 * test. It accepts and reads back over TLS; a certificate it does not trust, or one that does not
 * name the host, refuses the start with a {@code redis.tls} sentence instead of a gateway that
 * answers 503 for ever.
 */
class RedisTlsIT {

  private static final String TICKET =
      "{\"text\":\"路灯不亮\",\"citizen\":{\"phone\":\"13800138000\"}}";

  static TlsRedis redis;

  @BeforeAll
  static void start() {
    redis = TlsRedis.start();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Test
  void aWebhookIsAcceptedOverTlsAndItsRetryIsReadBackAsTheSameTicket() throws IOException {
    String prefix = TestRedis.freshPrefix();
    try (TestGateway gateway =
        TestGateway.startAgainst(redis.url(), prefix, redis.gatewayYaml("ca.crt"))) {
      WebhookClient partner = gateway.webhooks();
      String id = WebhookClient.newId();

      HttpResponse<String> first = partner.post(id, TICKET);
      HttpResponse<String> again = partner.post(id, TICKET);

      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(again.statusCode()).isEqualTo(200);
      JsonObject accepted = new JsonObject(first.body());
      JsonObject duplicate = new JsonObject(again.body());
      assertThat(duplicate.getString("status")).isEqualTo("duplicate");
      assertThat(duplicate.getString("ticketId")).isEqualTo(accepted.getString("ticketId"));
      String stream = gateway.keys().messages(0); // P = 1 by default
      assertThat(redis.cli("XLEN", stream)).isEqualTo("1");
      assertThat(redis.cli("XRANGE", stream, "-", "+")).contains(accepted.getString("messageId"));
    }
  }

  @Test
  void aServerCertificateOfAnotherCaRefusesTheStartNamingTheTrustSetting() {
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                TestGateway.startAgainst(
                        redis.url(), TestRedis.freshPrefix(), redis.gatewayYaml("other-ca.crt"))
                    .close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("redis.tls: the TLS handshake with Redis failed")
        .hasMessageContaining("redis.tls.trustCertificate (" + redis.file("other-ca.crt") + ")");
    // at the first handshake, not after a connect or command timeout
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCertificateThatDoesNotNameTheHostRefusesTheStartUnlessHostnameChecksAreOff()
      throws IOException {
    // the server certificate names localhost only
    String byOtherAddress = redis.urlByAddress();

    assertThatThrownBy(
            () ->
                TestGateway.startAgainst(
                        byOtherAddress, TestRedis.freshPrefix(), redis.gatewayYaml("ca.crt"))
                    .close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("redis.tls: the TLS handshake with Redis failed")
        .hasMessageContaining("names the host of the Redis URL");
    try (TestGateway gateway =
        TestGateway.startAgainst(
            byOtherAddress,
            TestRedis.freshPrefix(),
            redis.gatewayYaml("ca.crt") + "    verifyHostname: false\n")) {
      assertThat(gateway.webhooks().post(TICKET).statusCode()).isEqualTo(202);
    }
  }
}
