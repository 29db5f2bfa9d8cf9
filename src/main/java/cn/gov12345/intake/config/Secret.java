package cn.gov12345.intake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A configured secret. Its {@code toString} never reveals the value, so a config record can be
 * logged or shown in an error message without leaking keys.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  @JsonCreator
  public static Secret of(String value) {
    return new Secret(value == null ? "" : value);
  }

  /** The secret itself; call only where the key is used. */
  @JsonValue
  public String reveal() {
    return value;
  }

  public byte[] utf8() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  public boolean isBlank() {
    return value.isBlank();
  }

  /**
   * A secret that must not reach production: one of the development placeholders shipped in {@code
   * config/gateway.yaml}.
   */
  public boolean isPlaceholder() {
    String encoded = value.startsWith("whsec_") ? value.substring(6) : value;
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    return isMarked(value) || isMarked(decoded);
  }

  private static boolean isMarked(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("dev-only") || lower.contains("change-me") || lower.contains("changeme");
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "<empty>" : "<redacted>";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
