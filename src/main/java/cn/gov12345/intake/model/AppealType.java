package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What the citizen says the appeal is (诉求类型), when they say it. */
public enum AppealType {
  CONSULTATION("consultation", "咨询"),
  HELP("help", "求助"),
  COMPLAINT("complaint", "投诉"),
  REPORT("report", "举报"),
  SUGGESTION("suggestion", "建议");

  private final String code;
  private final String label;

  AppealType(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** The Chinese name citizens and operators use. */
  public String label() {
    return label;
  }

  /** Reads either the code ({@code complaint}) or the Chinese name ({@code 投诉}). */
  public static Optional<AppealType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (AppealType type : values()) {
      if (type.code.equals(t) || type.label.equals(t)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
