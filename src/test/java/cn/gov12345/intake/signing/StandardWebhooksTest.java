package cn.gov12345.intake.signing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.WebhookSourceConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The signature scheme against the published Standard Webhooks example (the spec's and the
 * reference libraries' "sign function works" vector), so any partner library interoperates.
 */
class StandardWebhooksTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final byte[] KEY = WebhookSourceConfig.keyOf(Secret.of(SECRET));

  @Test
  void signingTheOfficialExampleGivesTheOfficialSignature() {
    assertThat(StandardWebhooks.sign(KEY, ID, TIMESTAMP, PAYLOAD)).isEqualTo(SIGNATURE);
  }

  @Test
  void theOfficialSignatureVerifies() {
    assertThat(verify(SIGNATURE)).isTrue();
  }

  @Test
  void aChangedPayloadIdOrTimestampDoesNotVerify() {
    byte[] other = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    List<byte[]> keys = List.of(KEY);
    assertThat(StandardWebhooks.verify(keys, ID, TIMESTAMP, other, SIGNATURE)).isFalse();
    assertThat(StandardWebhooks.verify(keys, ID + "x", TIMESTAMP, PAYLOAD, SIGNATURE)).isFalse();
    assertThat(StandardWebhooks.verify(keys, ID, TIMESTAMP + 1, PAYLOAD, SIGNATURE)).isFalse();
  }

  @Test
  void anyMatchingSignatureInASpaceSeparatedListVerifies() {
    assertThat(verify("v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ== " + SIGNATURE)).isTrue();
    assertThat(verify(SIGNATURE + "  v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ==")).isTrue();
  }

  @Test
  void theSameDigestUnderAnotherVersionLabelDoesNotVerify() {
    assertThat(verify(SIGNATURE.replace("v1,", "v2,"))).isFalse();
    assertThat(verify(SIGNATURE.replace("v1,", "v1a,"))).isFalse();
    assertThat(verify(SIGNATURE.substring(3))).isFalse();
  }

  @Test
  void unknownVersionsAreIgnoredNextToAValidOne() {
    assertThat(verify("v1a,c29tZXRoaW5nIGVsc2U= v2,whatever " + SIGNATURE)).isTrue();
  }

  @Test
  void brokenSignaturesAreRefusedWithoutThrowing() {
    assertThat(verify("v1,not base64 at all!")).isFalse();
    assertThat(verify("v1,")).isFalse();
    assertThat(verify(SIGNATURE.substring(0, SIGNATURE.length() - 4))).isFalse();
    assertThat(verify("")).isFalse();
    assertThat(verify(null)).isFalse();
  }

  @Test
  void anOverlongSignatureHeaderIsRefusedEvenWhenItContainsAValidSignature() {
    assertThat(verify(SIGNATURE + " " + "v1,AAAA".repeat(700))).isFalse();
  }

  @Test
  void withoutKeysNothingVerifies() {
    assertThat(StandardWebhooks.verify(List.of(), ID, TIMESTAMP, PAYLOAD, SIGNATURE)).isFalse();
  }

  private static boolean verify(String header) {
    return StandardWebhooks.verify(List.of(KEY), ID, TIMESTAMP, PAYLOAD, header);
  }
}
