package cn.gov12345.intake.channel.telephony;

import static cn.gov12345.intake.channel.telephony.TelephonyFixtures.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's request validation, checked against Twilio's own documented example. */
class TwilioSignatureTest {

  // Twilio's documented example ("Validating requests"; the vector of its server-side SDKs)
  static final String TOKEN = "12345";
  static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  static Map<String, List<String>> documented() {
    return form(
        "CallSid", "CA1234567890ABCDE",
        "Caller", "+14158675309",
        "Digits", "1234",
        "From", "+14158675309",
        "To", "+18005551212");
  }

  @Test
  void twiliosDocumentedExampleValidates() {
    assertThat(TwilioSignature.sign(TOKEN, URL, documented())).isEqualTo(SIGNATURE);
    assertThat(TwilioSignature.verify(TOKEN, URL, documented(), SIGNATURE)).isTrue();
  }

  @Test
  void parametersAreSortedByNameWhateverOrderTheyArrivedIn() {
    Map<String, List<String>> shuffled =
        form(
            "To", "+18005551212",
            "Digits", "1234",
            "CallSid", "CA1234567890ABCDE",
            "From", "+14158675309",
            "Caller", "+14158675309");
    assertThat(TwilioSignature.verify(TOKEN, URL, shuffled, SIGNATURE)).isTrue();
  }

  @Test
  void aParameterChangedByOneCharacterFails() {
    Map<String, List<String>> changed = documented();
    changed.put("Digits", List.of("1235"));
    assertThat(TwilioSignature.verify(TOKEN, URL, changed, SIGNATURE)).isFalse();
  }

  @Test
  void anotherUrlTokenOrAddedParameterFails() {
    assertThat(TwilioSignature.verify(TOKEN, URL + "&x=1", documented(), SIGNATURE)).isFalse();
    assertThat(TwilioSignature.verify("12346", URL, documented(), SIGNATURE)).isFalse();
    Map<String, List<String>> added = documented();
    added.put("Extra", List.of(""));
    assertThat(TwilioSignature.verify(TOKEN, URL, added, SIGNATURE)).isFalse();
    assertThat(TwilioSignature.verify(TOKEN, URL, documented(), null)).isFalse();
    assertThat(TwilioSignature.verify(TOKEN, URL, documented(), "x".repeat(200))).isFalse();
  }

  @Test
  void repeatedParametersAreSignedWithTheirDistinctValuesSortedLikeTwiliosSdks() {
    Map<String, List<String>> repeated =
        form(
            "Sid", "CA123",
            "SidAccount", "AC123",
            "Digits", "5678",
            "Digits", "1234",
            "Digits", "1234");
    assertThat(TwilioSignature.sign(TOKEN, URL, repeated))
        .isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  }

  @Test
  void theUrlIsAcceptedWithAndWithoutItsDefaultPortLikeTwiliosValidators() {
    String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    assertThat(TwilioSignature.verify(TOKEN, withPort, documented(), SIGNATURE)).isTrue();
    String signedWithPort = TwilioSignature.sign(TOKEN, withPort, documented());
    assertThat(TwilioSignature.verify(TOKEN, URL, documented(), signedWithPort)).isTrue();
    assertThat(TwilioSignature.variants("http://a.example/x"))
        .containsExactly("http://a.example/x", "http://a.example:80/x");
    assertThat(TwilioSignature.variants("https://a.example:8443/x"))
        .containsExactly("https://a.example:8443/x");
    assertThat(
            TwilioSignature.verify(
                TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", documented(), SIGNATURE))
        .isFalse();
  }
}
