package cn.gov12345.intake.survey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SurveyAnswersTest {

  @ParameterizedTest
  @CsvSource({
    "1,SATISFIED",
    "2,BASICALLY_SATISFIED",
    "3,DISSATISFIED",
    "１,SATISFIED",
    "３,DISSATISFIED",
    "' 2 ',BASICALLY_SATISFIED",
    "满意,SATISFIED",
    "基本满意,BASICALLY_SATISFIED",
    "不满意,DISSATISFIED",
    "不满意。,DISSATISFIED",
    "3！,DISSATISFIED"
  })
  void theScaleReadsAsDigitsFullWidthDigitsAndWords(String text, Rating expected) {
    assertThat(SurveyAnswers.parse(text))
        .hasValueSatisfying(
            a -> {
              assertThat(a.rating()).isEqualTo(expected);
              assertThat(a.trackingNumber()).isNull();
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"261203000000046 3", "261203000000046，3", "２６１２０３０００００００４６ 不满意"})
  void anAnswerMayNameTheTicketItRates(String text) {
    assertThat(SurveyAnswers.parse(text))
        .hasValueSatisfying(
            a -> {
              assertThat(a.rating()).isEqualTo(Rating.DISSATISFIED);
              assertThat(a.trackingNumber()).isEqualTo("261203000000046");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "4",
        "0",
        "12",
        "1 楼又漏水了",
        "我不满意你们的处理",
        "满意吗",
        "261203 3",
        "3 261203000000046",
        "非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意非常满意"
      })
  void anythingElseIsAnOrdinaryMessage(String text) {
    assertThat(SurveyAnswers.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aLongTextIsNeverReadAtLength() {
    assertThat(SurveyAnswers.parse(" ".repeat(SurveyAnswers.MAX_LENGTH) + "1")).isEmpty();
    assertThat(SurveyAnswers.parse(null)).isEmpty();
  }
}
