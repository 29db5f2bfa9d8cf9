package cn.gov12345.intake.survey;

import java.util.Optional;

/**
 * The rating page's form, validated: a rating 1..3, solved yes/no, a comment of at most {@value
 * #MAX_COMMENT} characters without control characters (line breaks allowed). Pure: no I/O.
 *
 * @param comment the comment stripped, or null when empty
 */
public record RatingForm(Rating rating, boolean solved, String comment) {

  static final int MAX_COMMENT = 500;

  /** The form, or empty when a field is missing or not one of its values. */
  public static Optional<RatingForm> parse(String rating, String solved, String comment) {
    Optional<Rating> r = rating == null ? Optional.empty() : Rating.of(rating.strip());
    if (r.isEmpty() || !("yes".equals(solved) || "no".equals(solved))) {
      return Optional.empty();
    }
    Optional<String> c = comment(comment);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RatingForm(r.get(), solved.equals("yes"), c.get().isEmpty() ? null : c.get()));
  }

  /**
   * A citizen's comment stripped ({@code ""} when none), or empty when it is too long or holds
   * control characters (line breaks and tabs allowed).
   */
  static Optional<String> comment(String given) {
    String c = given == null ? "" : given.strip();
    if (c.codePointCount(0, c.length()) > MAX_COMMENT || c.chars().anyMatch(RatingForm::control)) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private static boolean control(int ch) {
    return (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f;
  }
}
