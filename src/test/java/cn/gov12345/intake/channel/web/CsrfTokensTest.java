package cn.gov12345.intake.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.support.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

  static final byte[] KEY =
      "test-only-csrf-secret-0123456789abcdefgh".getBytes(StandardCharsets.UTF_8);
  static final String ORIGIN = "https://12345.example.gov.cn";

  final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T08:00:00Z"));
  final CsrfTokens tokens = new CsrfTokens(KEY, Duration.ofMinutes(20), clock, ORIGIN, true);

  static InboundRequest post(String header, String cookie, String origin) {
    Map<String, String> headers = new HashMap<>();
    if (header != null) {
      headers.put("X-CSRF-Token", header);
    }
    if (cookie != null) {
      headers.put("Cookie", "lang=zh; intake_csrf=" + cookie);
    }
    if (origin != null) {
      headers.put("Origin", origin);
    }
    return InboundRequest.head(
        "POST", "/channels/web/v1/submissions", "/", Map.of(), headers, Map.of(), "x", "c");
  }

  static void assertRefused(Runnable check) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CSRF_TOKEN_INVALID));
  }

  @Test
  void anIssuedTokenEchoedInHeaderAndCookieFromThePublicOriginIsAdmitted() {
    String token = tokens.issue();
    assertThatCode(() -> tokens.verify(post(token, token, ORIGIN + ":443")))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingOrMismatchedOrForgedTokenIsRefused() {
    String token = tokens.issue();
    assertRefused(() -> tokens.verify(post(null, token, ORIGIN)));
    assertRefused(() -> tokens.verify(post(token, null, ORIGIN)));
    assertRefused(() -> tokens.verify(post(token, tokens.issue(), ORIGIN)));
    String forged = "anything.1700000000000.c2lnbmF0dXJl";
    assertRefused(() -> tokens.verify(post(forged, forged, ORIGIN)));
    String other =
        new CsrfTokens(
                "another-key-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(20),
                clock,
                ORIGIN,
                true)
            .issue();
    assertRefused(() -> tokens.verify(post(other, other, ORIGIN)));
  }

  @Test
  void aTokenOlderThanItsLifetimeIsRefused() {
    String token = tokens.issue();
    clock.advance(Duration.ofMinutes(21));
    assertRefused(() -> tokens.verify(post(token, token, ORIGIN)));
  }

  @Test
  void behindAPublicBaseUrlAPostFromAnotherOriginOrFromNoneIsRefused() {
    String token = tokens.issue();
    assertRefused(() -> tokens.verify(post(token, token, "https://evil.example")));
    assertRefused(() -> tokens.verify(post(token, token, null)));
    CsrfTokens anyOrigin = new CsrfTokens(KEY, Duration.ofMinutes(20), clock, null, false);
    assertThatCode(() -> anyOrigin.verify(post(token, token, null))).doesNotThrowAnyException();
  }

  @Test
  void theCookieIsSecureOnlyBehindHttpsAndAlwaysSameSiteStrict() {
    assertThat(tokens.cookie("t")).isEqualTo("intake_csrf=t; Path=/; SameSite=Strict; Secure");
    assertThat(new CsrfTokens(KEY, Duration.ofMinutes(1), clock, null, false).cookie("t"))
        .isEqualTo("intake_csrf=t; Path=/; SameSite=Strict");
  }
}
