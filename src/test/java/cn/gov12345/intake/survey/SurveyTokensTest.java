package cn.gov12345.intake.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SurveyTokensTest {

  static final byte[] KEY = "test-only-pseudonym-key-32-bytes!!".getBytes(StandardCharsets.UTF_8);
  static final String TICKET = "01938a7e-1b2c-7d3e-8f40-123456789abc";
  static final String TRACKING = "261203000000046";
  static final Instant EXPIRES = Instant.parse("2026-12-10T02:00:00Z");

  final SurveyTokens tokens = new SurveyTokens(KEY);

  @Test
  void aSignedTokenVerifiesToItsTicketAndExpiry() {
    String token = tokens.sign(TICKET, TRACKING, EXPIRES);
    assertThat(token).matches("[A-Za-z0-9_.-]+").hasSizeLessThan(SurveyTokens.MAX_LENGTH);
    assertThat(tokens.verify(token)).hasValue(new SurveyTokens.Claim(TICKET, TRACKING, EXPIRES));
  }

  @Test
  void aTokenOfAnotherKeyOrWithAnyByteChangedIsRefused() {
    String token = tokens.sign(TICKET, TRACKING, EXPIRES);
    SurveyTokens other =
        new SurveyTokens("another-test-pseudonym-key-32-bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(other.verify(token)).isEmpty();
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
      assertThat(tokens.verify(changed)).as("byte %d changed", i).isEmpty();
    }
  }

  @Test
  void aForgedPayloadWithALaterExpiryIsRefused() {
    String token = tokens.sign(TICKET, TRACKING, EXPIRES);
    String later =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("v1 " + TICKET + " " + TRACKING + " 4102444800")
                    .getBytes(StandardCharsets.US_ASCII));
    assertThat(tokens.verify(later + token.substring(token.indexOf('.')))).isEmpty();
  }

  @Test
  void malformedTokensAreRefusedWithoutAnError() {
    for (String bad : new String[] {null, "", ".", "abc.def", "x".repeat(300), "a b.c", "%%.%%"}) {
      assertThat(tokens.verify(bad)).isEmpty();
    }
  }
}
