package cn.gov12345.intake.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

  @Test
  void theSchemeNameIsCaseInsensitive() {
    assertThat(BearerToken.of("Bearer abc")).contains("abc");
    assertThat(BearerToken.of("bearer abc")).contains("abc");
    assertThat(BearerToken.of("BEARER  abc ")).contains("abc");
    assertThat(BearerToken.of("bEaReR\tabc")).contains("abc");
  }

  @Test
  void anotherSchemeOrNoTokenIsNoBearerToken() {
    assertThat(BearerToken.of(null)).isEmpty();
    assertThat(BearerToken.of("")).isEmpty();
    assertThat(BearerToken.of("Bearer")).isEmpty();
    assertThat(BearerToken.of("Bearer   ")).isEmpty();
    assertThat(BearerToken.of("Bearerabc")).isEmpty();
    assertThat(BearerToken.of("Basic YWJjOmRlZg==")).isEmpty();
  }
}
