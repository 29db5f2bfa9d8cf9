package cn.gov12345.intake.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The app backend's push webhook ({@code replies.appPush}): the app backend owns the JPush / vendor
 * push channels; the gateway POSTs each reply there, signed like its deliveries (Standard Webhooks,
 * {@code webhook-id} = the reply id).
 *
 * @param url where replies are POSTed (http or https; redirects are not followed); absent = no app
 *     push
 * @param secrets {@code whsec_…} signing secrets; two while one is being rotated (each request
 *     carries one signature per secret)
 * @param requestTimeout bounds the connect and, separately, the wait for the answer
 */
public record AppPushConfig(String url, List<Secret> secrets, Duration requestTimeout) {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public AppPushConfig {
    url = url == null || url.isBlank() ? null : url.trim();
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    requestTimeout = requestTimeout == null ? DEFAULT_TIMEOUT : requestTimeout;
  }

  /** No push webhook configured. */
  public static AppPushConfig none() {
    return new AppPushConfig(null, null, null);
  }

  public boolean enabled() {
    return url != null;
  }

  void validate(Problems p, String path, boolean production) {
    if (!enabled()) {
      p.require(secrets.isEmpty(), path + ".secrets", "are set but url is not");
      return;
    }
    p.require(isHttpUrl(url), path + ".url", "must be an absolute http:// or https:// URL");
    new WebhookSourceConfig("", secrets).validate(p, path, production);
    p.require(secrets.size() <= 2, path + ".secrets", "holds at most two secrets (rotation)");
    p.require(
        !requestTimeout.isNegative()
            && !requestTimeout.isZero()
            && requestTimeout.compareTo(Duration.ofMinutes(1)) <= 0,
        path + ".requestTimeout",
        "must be more than 0 and at most 1m");
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "AppPushConfig[url="
        + url
        + ", secrets=<redacted>, requestTimeout="
        + requestTimeout
        + "]";
  }
}
