package cn.gov12345.intake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryCodesTest {

  private final QueryCodes codes =
      new QueryCodes("a-query-code-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8));

  @Test
  void codeIsEightDigitsAndStableForATrackingNumber() {
    String code = codes.codeFor("12345-20261126-000017");
    assertThat(code).matches("[0-9]{8}");
    assertThat(codes.codeFor("12345-20261126-000017")).isEqualTo(code);
  }

  @Test
  void neighbouringTrackingNumbersGetUnrelatedCodes() {
    assertThat(codes.codeFor("12345-20261126-000017"))
        .isNotEqualTo(codes.codeFor("12345-20261126-000018"));
  }

  @Test
  void anotherKeyGivesAnotherCode() {
    QueryCodes other =
        new QueryCodes("another-query-code-key-32-bytes-long".getBytes(StandardCharsets.UTF_8));
    assertThat(other.codeFor("T1")).isNotEqualTo(codes.codeFor("T1"));
  }

  @Test
  void matchesOnlyTheRightCode() {
    String code = codes.codeFor("T1");
    assertThat(codes.matches("T1", code)).isTrue();
    assertThat(codes.matches("T1", " " + code + " ")).isTrue();
    assertThat(codes.matches("T2", code)).isFalse();
    assertThat(codes.matches("T1", "00000000".equals(code) ? "00000001" : "00000000")).isFalse();
    assertThat(codes.matches("T1", code + "0")).isFalse();
    assertThat(codes.matches("T1", null)).isFalse();
    assertThat(codes.matches(null, code)).isFalse();
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> new QueryCodes(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
