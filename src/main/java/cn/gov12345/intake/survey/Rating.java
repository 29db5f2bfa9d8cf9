package cn.gov12345.intake.survey;

import java.util.Locale;
import java.util.Optional;

/** The three answers of the 回访 survey, as the 好差评 scale names them. */
public enum Rating {
  SATISFIED(1, "满意", "Satisfied"),
  BASICALLY_SATISFIED(2, "基本满意", "Mostly satisfied"),
  DISSATISFIED(3, "不满意", "Dissatisfied");

  private final int digit;
  private final String zh;
  private final String en;

  Rating(int digit, String zh, String en) {
    this.digit = digit;
    this.zh = zh;
    this.en = en;
  }

  /** The digit the citizen replies with (1, 2, 3). */
  public int digit() {
    return digit;
  }

  /** The value in events and records: {@code satisfied}, {@code basically_satisfied} … */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The label in the citizen's language. */
  public String label(boolean english) {
    return english ? en : zh;
  }

  /** The rating of a digit or an event value, if it is one. */
  public static Optional<Rating> of(String digitOrValue) {
    for (Rating r : values()) {
      if (r.value().equals(digitOrValue) || Integer.toString(r.digit).equals(digitOrValue)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
