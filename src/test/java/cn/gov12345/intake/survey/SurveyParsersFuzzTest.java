package cn.gov12345.intake.survey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The survey's readers of outside input: a chat text as an answer, a rating link's token, the
 * rating form, the call center's phone rating. Each answers hostile input with empty, never with an
 * exception. Seeds: {@code ...Inputs/<method>/}.
 */
class SurveyParsersFuzzTest {

  private static final SurveyTokens TOKENS =
      new SurveyTokens("test-only-pseudonym-key-32-bytes!!".getBytes(StandardCharsets.UTF_8));

  @FuzzTest(maxDuration = "10s")
  void answerText(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    SurveyAnswers.parse(text)
        .ifPresent(a -> assertThat(text.length()).isLessThanOrEqualTo(SurveyAnswers.MAX_LENGTH));
  }

  @FuzzTest(maxDuration = "10s")
  void linkToken(byte[] input) {
    assertThat(TOKENS.verify(new String(input, StandardCharsets.ISO_8859_1))).isEmpty();
  }

  @FuzzTest(maxDuration = "10s")
  void phoneRatingJson(byte[] input) {
    Hostile.parse(() -> PhoneRating.parse(input, "01938a7e-1b2c-7d3e-8f40-123456789abc", true));
  }

  @FuzzTest(maxDuration = "10s")
  void ratingForm(byte[] input) {
    String[] f = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    RatingForm.parse(f[0], f.length > 1 ? f[1] : null, f.length > 2 ? f[2] : null);
  }
}
