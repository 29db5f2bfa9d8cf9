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
    String code = codes.codeFor("261126000000017", "t-1");
    assertThat(code).matches("[0-9]{8}");
    assertThat(codes.codeFor("261126000000017", "t-1")).isEqualTo(code);
  }

  @Test
  void neighbouringTrackingNumbersGetUnrelatedCodes() {
    assertThat(codes.codeFor("261126000000017", "t-1"))
        .isNotEqualTo(codes.codeFor("261126000000018", "t-1"));
  }

  @Test
  void theCodeBindsTheTicketSoAReusedNumbersOldReceiptOpensNoOtherTicket() {
    String firstCitizens = codes.codeFor("261126000000017", "ticket-of-the-first-citizen");

    assertThat(codes.matches("261126000000017", "ticket-of-the-first-citizen", firstCitizens))
        .isTrue();
    assertThat(codes.matches("261126000000017", "ticket-of-the-second-citizen", firstCitizens))
        .isFalse();
    assertThat(codes.codeFor("261126000000017", "ticket-of-the-second-citizen"))
        .isNotEqualTo(firstCitizens);
  }

  @Test
  void numberAndTicketIdCannotBeShiftedIntoEachOther() {
    assertThat(codes.codeFor("2611260000000171", "2"))
        .isNotEqualTo(codes.codeFor("261126000000017", "12"));
  }

  @Test
  void anotherKeyGivesAnotherCode() {
    QueryCodes other =
        new QueryCodes("another-query-code-key-32-bytes-long".getBytes(StandardCharsets.UTF_8));
    assertThat(other.codeFor("T1", "t")).isNotEqualTo(codes.codeFor("T1", "t"));
  }

  @Test
  void matchesOnlyTheRightCode() {
    String code = codes.codeFor("T1", "t");
    assertThat(codes.matches("T1", "t", code)).isTrue();
    assertThat(codes.matches("T1", "t", " " + code + " ")).isTrue();
    assertThat(codes.matches("T2", "t", code)).isFalse();
    assertThat(codes.matches("T1", "t", "00000000".equals(code) ? "00000001" : "00000000"))
        .isFalse();
    assertThat(codes.matches("T1", "t", code + "0")).isFalse();
    assertThat(codes.matches("T1", "t", null)).isFalse();
    assertThat(codes.matches("T1", null, code)).isFalse();
    assertThat(codes.matches(null, "t", code)).isFalse();
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> new QueryCodes(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
