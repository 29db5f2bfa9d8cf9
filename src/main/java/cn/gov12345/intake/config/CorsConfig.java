package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cross-origin access of browser clients (H5 pages, webviews, tus-js-client) to the public APIs
 * they use: the app's submissions and tus uploads, Open311, 进度查询.
 *
 * @param allowedOrigins exact origins ({@code scheme://host[:port]}, as a browser sends {@code
 *     Origin}) allowed to call them; none by default (no CORS header is ever sent)
 * @param maxAge how long a browser may cache a preflight's answer
 */
public record CorsConfig(List<String> allowedOrigins, Duration maxAge) {

  private static final Pattern ORIGIN =
      Pattern.compile(
          "[a-z][a-z0-9+.-]*://[a-z0-9.-]+(:[0-9]{1,5})?|[a-z][a-z0-9+.-]*://\\[[0-9a-f:.]+](:[0-9]{1,5})?");
  private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

  public CorsConfig {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
  }

  /** No origin allowed. */
  public static CorsConfig none() {
    return new CorsConfig(null, null);
  }

  void validate(Problems p) {
    for (String origin : allowedOrigins) {
      p.require(
          origin != null && ORIGIN.matcher(origin).matches(),
          "http.cors.allowedOrigins",
          "not an origin (lower-case scheme://host[:port], no path, no '*'): " + origin);
    }
    p.require(
        !maxAge.isNegative() && maxAge.compareTo(Duration.ofDays(1)) <= 0,
        "http.cors.maxAge",
        "must be between 0s and 24h");
  }
}
