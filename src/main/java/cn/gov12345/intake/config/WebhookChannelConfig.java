package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signed-webhook channel ({@code POST /channels/webhook/{source}}).
 *
 * @param maxBodyBytes larger bodies are refused with 413 before they are read
 * @param tolerance how far {@code webhook-timestamp} may be from now, either way
 * @param sources partner systems by source name (the path segment)
 */
public record WebhookChannelConfig(
    int maxBodyBytes, Duration tolerance, Map<String, WebhookSourceConfig> sources) {

  public WebhookChannelConfig {
    sources = sources == null ? Map.of() : Map.copyOf(new TreeMap<>(sources));
  }

  void validate(Problems p, boolean production) {
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 16 * 1024 * 1024,
        "channels.webhook.maxBodyBytes",
        "must be 1 KiB .. 16 MiB");
    RedisConfig.positive(p, tolerance, "channels.webhook.tolerance");
    p.namedEntries(
        sources,
        "channels.webhook.sources",
        "source",
        (source, path) -> source.validate(p, path, production));
  }
}
