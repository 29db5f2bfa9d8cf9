package cn.gov12345.intake.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The pull API on the public port ({@code GET /v1/streams/tickets} and its Server-Sent Events
 * variant) for backends without Redis access.
 *
 * @param defaultLimit events per page when the request names no {@code limit}
 * @param maxLimit the largest {@code limit} a request may ask for
 * @param sse the event-stream endpoint
 * @param consumers backends allowed to pull, by name (shown in metrics)
 */
public record PullConfig(
    int defaultLimit, int maxLimit, PullSseConfig sse, Map<String, PullConsumerConfig> consumers) {

  public PullConfig {
    consumers = consumers == null ? Map.of() : Map.copyOf(new TreeMap<>(consumers));
  }

  void validate(Problems p, boolean production) {
    p.require(maxLimit >= 1 && maxLimit <= 10_000, "pull.maxLimit", "must be 1..10000");
    p.require(
        defaultLimit >= 1 && defaultLimit <= maxLimit,
        "pull.defaultLimit",
        "must be 1..pull.maxLimit");
    if (sse == null) {
      p.add("pull.sse", "is required");
    } else {
      sse.validate(p);
    }
    p.named(consumers, "pull.consumers", "consumer", (path, c) -> c.validate(p, path, production));
  }
}
