package cn.gov12345.intake.signals;

import cn.gov12345.intake.config.SignalsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket's category for the signals and its early-warning series. The category is the ticket's
 * own {@code category} when it has one, else the first configured keyword category its text
 * matches, else its appeal type, else {@code other}. Its series are the category and every watched
 * keyword in the text, each × the 6-digit region code and its 4- and 2-digit prefixes ({@code -}
 * for a ticket without a region).
 */
final class Categories {

  private Categories() {}

  static String of(SignalsConfig config, JsonObject data, String text) {
    String own = data.getString("category");
    if (own != null && !own.isBlank()) {
      return clean(own);
    }
    for (SignalsConfig.Category c : config.categories()) {
      if (c.keywords().stream().anyMatch(text::contains)) {
        return c.name();
      }
    }
    return clean(data.getString("appealType", "other"));
  }

  static JsonArray series(SignalsConfig config, String category, String region, String text) {
    List<String> names = new ArrayList<>();
    names.add(category);
    for (String k : config.alerts().keywords()) {
      if (text.contains(k)) {
        names.add("keyword:" + k);
      }
    }
    List<String> regions =
        region == null
            ? List.of("-")
            : List.of(region, region.substring(0, 4), region.substring(0, 2));
    List<String> out = new ArrayList<>();
    for (String n : names) {
      for (String r : regions) {
        out.add(n + "|" + r);
      }
    }
    return new JsonArray(new ArrayList<>(out));
  }

  private static String clean(String s) {
    String c = s.replaceAll("[|:\\s]", "_");
    return c.length() > 32 ? c.substring(0, 32) : c;
  }
}
