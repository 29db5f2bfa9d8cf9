package cn.gov12345.intake.survey;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a citizen's WeChat or SMS text as an answer to the 回访 survey, or as nothing: "1", "2", "3"
 * (also full-width "１"), "满意", "基本满意", "不满意", each optionally after the tracking number the survey
 * named ("261203000000046 3") and with closing punctuation. Anything else — a sentence that merely
 * contains a digit, "1 楼又漏水了" — is an ordinary message. Pure: no I/O.
 */
public final class SurveyAnswers {

  /** Longer texts are never answers (checked before any normalization). */
  static final int MAX_LENGTH = 64;

  private static final Pattern ANSWER =
      Pattern.compile("^(?:([0-9]{15,20})\\s*[,，:：、-]?\\s*)?([123]|满意|基本满意|不满意)\\s*[。.!！]?$");

  private SurveyAnswers() {}

  /**
   * An answer: the rating, and the tracking number the citizen named (null when none).
   *
   * @param rating what the citizen chose
   * @param trackingNumber the ticket they named, or null
   */
  public record Answer(Rating rating, String trackingNumber) {}

  /** The answer the text gives, or empty when it is not one. */
  public static Optional<Answer> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    Matcher m = ANSWER.matcher(plain);
    if (!m.matches()) {
      return Optional.empty();
    }
    Rating rating =
        switch (m.group(2)) {
          case "1", "满意" -> Rating.SATISFIED;
          case "2", "基本满意" -> Rating.BASICALLY_SATISFIED;
          default -> Rating.DISSATISFIED;
        };
    return Optional.of(new Answer(rating, m.group(1)));
  }
}
