package cn.gov12345.intake.pull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * The pull API's meters (on the gateway's registry, scraped from the management port):
 *
 * <ul>
 *   <li>{@code intake_pull_requests_total{consumer,endpoint}} pages served and streams opened
 *   <li>{@code intake_pull_events_total{consumer,endpoint}} events handed out
 *   <li>{@code intake_pull_sse_connections{consumer}} open event streams on this replica
 *   <li>{@code intake_pull_read_duration_seconds{endpoint}} one read of every partition (histogram)
 * </ul>
 *
 * Refused requests are counted by the failure handler as {@code
 * intake_requests_rejected_total{channel="pull",code}}.
 */
public final class PullMetrics {

  /** The {@code endpoint} tag of {@code GET /v1/streams/tickets}. */
  public static final String PAGE = "page";

  /** The {@code endpoint} tag of the event stream. */
  public static final String SSE = "sse";

  private static final String CONNECTIONS = "intake.pull.sse.connections";

  private final MeterRegistry registry;
  private final Map<String, Integer> openStreams;

  /**
   * @param registry the gateway's registry
   * @param openStreams open event streams by consumer, shared by every event loop
   */
  public PullMetrics(MeterRegistry registry, Map<String, Integer> openStreams) {
    this.registry = registry;
    this.openStreams = openStreams;
  }

  public void request(String consumer, String endpoint) {
    registry
        .counter("intake.pull.requests", "consumer", consumer, "endpoint", endpoint)
        .increment();
  }

  public void events(String consumer, String endpoint, int count) {
    if (count > 0) {
      Counter.builder("intake.pull.events")
          .tag("consumer", consumer)
          .tag("endpoint", endpoint)
          .register(registry)
          .increment(count);
    }
  }

  /** Registers the open-streams gauge of a consumer once (every event loop calls this). */
  public void streams(String consumer) {
    synchronized (registry) {
      if (registry.find(CONNECTIONS).tag("consumer", consumer).gauge() == null) {
        Gauge.builder(CONNECTIONS, openStreams, m -> m.getOrDefault(consumer, 0))
            .tag("consumer", consumer)
            .strongReference(true)
            .register(registry);
      }
    }
  }

  /** Records one read of every partition. */
  public void read(String endpoint, long nanos) {
    Timer.builder("intake.pull.read.duration")
        .tag("endpoint", endpoint)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
