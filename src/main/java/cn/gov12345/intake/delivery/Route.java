package cn.gov12345.intake.delivery;

import cn.gov12345.intake.config.RouteConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Whether a destination receives an event: its type is one the destination takes, and the ticket
 * passes every configured rule (channel, appeal type, region code prefix, keyword in category or
 * text). Pure: the event in, a yes or no out.
 */
public final class Route {

  private final Set<String> eventTypes;
  private final RouteConfig rules;

  public Route(List<String> eventTypes, RouteConfig rules) {
    this.eventTypes = Set.copyOf(eventTypes);
    this.rules = rules;
  }

  /**
   * @param type the entry's {@code type} field
   * @param event the CloudEvent (null when it could not be read: never routed)
   */
  public boolean matches(String type, JsonObject event) {
    if (type == null || !eventTypes.contains(type) || event == null) {
      return false;
    }
    JsonObject data = event.getJsonObject("data", new JsonObject());
    JsonObject location = data.getJsonObject("location", new JsonObject());
    return anyEquals(rules.channels(), data.getString("channel"))
        && anyEquals(rules.appealTypes(), data.getString("appealType"))
        && anyPrefix(rules.regionPrefixes(), location.getString("regionCode"))
        && anyKeyword(rules.keywords(), data.getString("category"), data.getString("text"));
  }

  private static boolean anyEquals(List<String> allowed, String value) {
    return allowed.isEmpty() || (value != null && allowed.contains(value));
  }

  private static boolean anyPrefix(List<String> prefixes, String value) {
    return prefixes.isEmpty() || (value != null && prefixes.stream().anyMatch(value::startsWith));
  }

  private static boolean anyKeyword(List<String> keywords, String category, String text) {
    if (keywords.isEmpty()) {
      return true;
    }
    String haystack = (category == null ? "" : category) + "\n" + (text == null ? "" : text);
    return keywords.stream().anyMatch(haystack::contains);
  }
}
