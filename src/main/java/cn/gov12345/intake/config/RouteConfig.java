package cn.gov12345.intake.config;

import java.util.List;

/**
 * Which tickets a destination receives. Every non-empty list must match (AND); within a list any
 * value matches (OR); an empty list matches everything.
 *
 * @param channels ticket {@code data.channel} values (e.g. {@code webhook})
 * @param appealTypes {@code data.appealType} values ({@code complaint}, {@code help}, …)
 * @param regionPrefixes prefixes of {@code data.location.regionCode} (e.g. {@code 1101})
 * @param keywords words of which at least one must occur in {@code data.category} or {@code
 *     data.text}
 */
public record RouteConfig(
    List<String> channels,
    List<String> appealTypes,
    List<String> regionPrefixes,
    List<String> keywords) {

  public RouteConfig {
    channels = channels == null ? List.of() : List.copyOf(channels);
    appealTypes = appealTypes == null ? List.of() : List.copyOf(appealTypes);
    regionPrefixes = regionPrefixes == null ? List.of() : List.copyOf(regionPrefixes);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }

  /** A route that lets every ticket through. */
  public static RouteConfig all() {
    return new RouteConfig(null, null, null, null);
  }

  void validate(Problems p, String path) {
    for (String prefix : regionPrefixes) {
      p.require(
          prefix != null && prefix.matches("\\d{1,12}"),
          path + ".regionPrefixes",
          "are 1-12 digits of an administrative division code");
    }
    for (String keyword : keywords) {
      p.require(keyword != null && !keyword.isBlank(), path + ".keywords", "must not be blank");
    }
  }
}
