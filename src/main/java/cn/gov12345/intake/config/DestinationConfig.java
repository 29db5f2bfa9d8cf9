package cn.gov12345.intake.config;

import cn.gov12345.intake.model.EventTypes;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One downstream system that receives tickets as signed webhooks.
 *
 * @param description who this is (shown in the admin API)
 * @param url where events are POSTed (http or https; redirects are not followed)
 * @param secrets {@code whsec_…} signing secrets; two while one is being rotated (each request
 *     carries one signature per secret)
 * @param eventTypes CloudEvent types it receives; empty = {@code ticket.opened.v1}
 * @param route which tickets it receives; absent = all
 * @param maxConcurrency requests in flight at most, per gateway replica
 * @param requestTimeout an attempt without an answer by then failed
 * @param retrySchedule the delay before each attempt (the first is normally 0); after the last
 *     attempt the event goes to the dead-letter stream
 */
public record DestinationConfig(
    String description,
    String url,
    List<Secret> secrets,
    List<String> eventTypes,
    RouteConfig route,
    Integer maxConcurrency,
    Duration requestTimeout,
    List<Duration> retrySchedule) {

  /** The default schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
  public static final List<Duration> DEFAULT_SCHEDULE =
      List.of(
          Duration.ZERO,
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(14),
          Duration.ofHours(20),
          Duration.ofHours(24));

  private static final int DEFAULT_CONCURRENCY = 16;
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public DestinationConfig {
    description = description == null ? "" : description;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    eventTypes = orDefault(eventTypes, List.of(EventTypes.TICKET_OPENED));
    route = route == null ? RouteConfig.all() : route;
    maxConcurrency = maxConcurrency == null ? DEFAULT_CONCURRENCY : maxConcurrency;
    requestTimeout = requestTimeout == null ? DEFAULT_TIMEOUT : requestTimeout;
    retrySchedule = orDefault(retrySchedule, DEFAULT_SCHEDULE);
  }

  private static <T> List<T> orDefault(List<T> given, List<T> fallback) {
    return given == null || given.isEmpty() ? fallback : List.copyOf(given);
  }

  /**
   * Type prefixes a destination may take: the tickets stream's own events, and the signals the
   * signals worker appends to it (docs/signals.md).
   */
  private static final List<String> ROUTABLE =
      List.of(
          "cn.gov12345.intake.ticket.",
          "cn.gov12345.intake.supervision.",
          "cn.gov12345.intake.citizen.",
          "cn.gov12345.intake.alert.");

  void validate(Problems p, String path, boolean production) {
    p.require(isHttpUrl(url), path + ".url", "must be an absolute http:// or https:// URL");
    new WebhookSourceConfig("", secrets).validate(p, path, production);
    p.require(secrets.size() <= 2, path + ".secrets", "holds at most two secrets (rotation)");
    for (String type : eventTypes) {
      p.require(
          type != null && ROUTABLE.stream().anyMatch(type::startsWith),
          path + ".eventTypes",
          "are ticket or signal event types (cn.gov12345.intake.ticket.…, "
              + "….supervision.…, ….citizen.…, ….alert.…)");
    }
    route.validate(p, path + ".route");
    p.require(
        maxConcurrency >= 1 && maxConcurrency <= 1024, path + ".maxConcurrency", "must be 1..1024");
    RedisConfig.positive(p, requestTimeout, path + ".requestTimeout");
    for (Duration delay : retrySchedule) {
      p.require(
          delay != null && !delay.isNegative(),
          path + ".retrySchedule",
          "holds durations of 0 or more");
    }
  }

  private static boolean isHttpUrl(String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
