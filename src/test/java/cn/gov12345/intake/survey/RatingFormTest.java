package cn.gov12345.intake.survey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatingFormTest {

  @Test
  void aCompleteFormReadsAsRatingSolvedAndComment() {
    assertThat(RatingForm.parse("3", "no", "  还是漏水\n请再来看看 "))
        .hasValue(new RatingForm(Rating.DISSATISFIED, false, "还是漏水\n请再来看看"));
    assertThat(RatingForm.parse("1", "yes", ""))
        .hasValue(new RatingForm(Rating.SATISFIED, true, null));
  }

  @Test
  void aMissingOrUnknownFieldIsRefused() {
    assertThat(RatingForm.parse(null, "yes", null)).isEmpty();
    assertThat(RatingForm.parse("4", "yes", null)).isEmpty();
    assertThat(RatingForm.parse("1", null, null)).isEmpty();
    assertThat(RatingForm.parse("1", "maybe", null)).isEmpty();
  }

  @Test
  void aCommentTooLongOrWithControlCharactersIsRefused() {
    assertThat(RatingForm.parse("2", "yes", "好".repeat(RatingForm.MAX_COMMENT))).isPresent();
    assertThat(RatingForm.parse("2", "yes", "好".repeat(RatingForm.MAX_COMMENT + 1))).isEmpty();
    assertThat(RatingForm.parse("2", "yes", "a\u0000b")).isEmpty();
    assertThat(RatingForm.parse("2", "yes", "a\u001bb")).isEmpty();
  }
}
