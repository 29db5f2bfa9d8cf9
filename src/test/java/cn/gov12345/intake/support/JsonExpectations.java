package cn.gov12345.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an expected JSON document with an actual one: objects by their exact set of fields
 * (order ignored), arrays in order, numbers by value. Two kinds of expected values stand for what
 * cannot be written down literally:
 *
 * <ul>
 *   <li>{@code "<kind:name>"}, e.g. {@code "<uuid7:message>"}: the actual value must be of that
 *       kind; every occurrence of one name must be the same value, different names different values
 *       (so {@code subject} of one event can be shown to equal {@code ticketId} of another).
 *   <li>{@code {"$sealed": {...}}}: the actual value is a sealed (encrypted) string that, once
 *       opened, matches the object.
 * </ul>
 */
public final class JsonExpectations {

  private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z0-9]+):([A-Za-z0-9_.-]+)>");
  private static final String SEALED = "$sealed";

  private final Map<String, Predicate<String>> kinds;
  private final Function<String, JsonNode> opener;
  private final Map<String, String> bound = new HashMap<>();

  /**
   * @param kinds placeholder kinds and what an actual value of the kind looks like
   * @param opener opens a sealed value into JSON
   */
  public JsonExpectations(Map<String, Predicate<String>> kinds, Function<String, JsonNode> opener) {
    this.kinds = Map.copyOf(kinds);
    this.opener = opener;
  }

  /** Asserts that actual matches expected; names bound by earlier calls stay bound. */
  public void assertMatches(JsonNode expected, JsonNode actual) {
    match(expected, actual, "$");
  }

  private void match(JsonNode expected, JsonNode actual, String at) {
    assertThat(actual).as("%s is missing", at).isNotNull();
    Matcher placeholder = expected.isTextual() ? PLACEHOLDER.matcher(expected.asText()) : null;
    if (placeholder != null && placeholder.matches()) {
      bind(placeholder.group(1), placeholder.group(2), actual, at);
    } else if (expected.isObject() && expected.size() == 1 && expected.has(SEALED)) {
      assertThat(actual.isTextual()).as("%s is a sealed string", at).isTrue();
      match(expected.get(SEALED), opener.apply(actual.asText()), at + "<opened>");
    } else if (expected.isObject()) {
      assertThat(actual.isObject()).as("%s is an object", at).isTrue();
      assertThat(actual.fieldNames())
          .toIterable()
          .as("fields of %s", at)
          .containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        match(expected.get(field), actual.get(field), at + "." + field);
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as("%s is an array", at).isTrue();
      assertThat(actual.size()).as("length of %s", at).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        match(expected.get(i), actual.get(i), at + "[" + i + "]");
      }
    } else if (expected.isNumber()) {
      assertThat(actual.isNumber()).as("%s is a number", at).isTrue();
      assertThat(actual.decimalValue()).as(at).isEqualByComparingTo(expected.decimalValue());
    } else {
      assertThat(actual).as(at).isEqualTo(expected);
    }
  }

  private void bind(String kind, String name, JsonNode actual, String at) {
    Predicate<String> test = kinds.get(kind);
    assertThat(test).as("placeholder kind '%s' at %s is known", kind, at).isNotNull();
    assertThat(actual.isTextual()).as("%s is a string", at).isTrue();
    String value = actual.asText();
    assertThat(test.test(value)).as("%s = %s is a %s", at, value, kind).isTrue();
    String key = kind + ":" + name;
    String prior = bound.putIfAbsent(key, value);
    if (prior != null) {
      assertThat(value).as("%s is the same <%s> as before", at, key).isEqualTo(prior);
    } else {
      bound.forEach(
          (other, v) ->
              assertThat(other.equals(key) || !v.equals(value))
                  .as("%s: <%s> and <%s> are different values", at, key, other)
                  .isTrue());
    }
  }
}
