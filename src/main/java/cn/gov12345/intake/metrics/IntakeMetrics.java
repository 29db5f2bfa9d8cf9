package cn.gov12345.intake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's own meters, scraped by Prometheus from the management port:
 *
 * <ul>
 *   <li>{@code intake_messages_accepted_total{channel}} new messages appended
 *   <li>{@code intake_messages_duplicate_total{channel}} retries answered with the original ids
 *   <li>{@code intake_requests_rejected_total{channel,code}} refused requests by error code
 *   <li>{@code intake_outbound_refused_total{purpose,reason}} outbound fetches the fetch policy
 *       refused (recordings, WeChat media: a URL, redirect or address not allowed, a body too big)
 *   <li>{@code intake_request_duration_seconds{channel}} request latency (histogram)
 *   <li>{@code intake_http_responses_total{port,status}} every answer of the public port by status
 *       class ({@code 2xx} … {@code 5xx}): the 5xx rate of the alert rules
 *   <li>{@code intake_redis_script_duration_seconds{script}} Redis script latency (histogram)
 *   <li>{@code intake_connections_open{port}} / {@code intake_connections_idle{port}} open TCP
 *       connections per listener ({@code public}, {@code management}) and those of them with no
 *       request in flight
 *   <li>{@code intake_connections_closed_total{port,reason}} connections the gateway closed: {@code
 *       header_timeout}, {@code body_timeout}, {@code idle_timeout}, {@code evicted} (an idle one,
 *       to make room at the cap)
 *   <li>{@code intake_connections_refused_total{port}} connections closed on arrival: at the cap
 *       with every connection busy
 *   <li>{@code intake_disk_free_bytes} / {@code intake_disk_reserve_bytes} usable space of the data
 *       volume (read on each scrape) and {@code media.diskReserveBytes}, under which uploads are
 *       refused with 507
 *   <li>{@code intake_ready} 1 while the last readiness check found Redis answering, and {@code
 *       intake_readiness_changes_total} every change of it (a flapping readiness)
 * </ul>
 *
 * <p>and Micrometer's JVM, process and system meters ({@link RuntimeBinders}).
 */
public final class IntakeMetrics {

  private final PrometheusMeterRegistry registry;
  private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
  private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> scripts = new ConcurrentHashMap<>();
  private final AtomicInteger ready = new AtomicInteger(1);

  public IntakeMetrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RuntimeBinders.bindTo(registry);
    Gauge.builder("intake.ready", ready, AtomicInteger::get).register(registry);
    registry.counter("intake.readiness.changes");
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Counts one answered append: a new message or a sender's retry of one. */
  public void appended(String channel, boolean duplicate) {
    if (duplicate) {
      duplicate(channel);
    } else {
      accepted(channel);
    }
  }

  public void accepted(String channel) {
    accepted
        .computeIfAbsent(
            channel,
            c -> Counter.builder("intake.messages.accepted").tag("channel", c).register(registry))
        .increment();
  }

  public void duplicate(String channel) {
    duplicates
        .computeIfAbsent(
            channel,
            c -> Counter.builder("intake.messages.duplicate").tag("channel", c).register(registry))
        .increment();
  }

  /** Counts one outbound fetch refused by the fetch policy. */
  public void outboundRefused(String purpose, String reason) {
    registry.counter("intake.outbound.refused", "purpose", purpose, "reason", reason).increment();
  }

  public void rejected(String channel, String code) {
    registry.counter("intake.requests.rejected", "channel", channel, "code", code).increment();
  }

  /** Records one request's latency (from arrival to answer). */
  public void request(String channel, long nanos) {
    requests
        .computeIfAbsent(
            channel,
            c ->
                Timer.builder("intake.request.duration")
                    .tag("channel", c)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  /** Counts one answer of a listener by its status class. */
  public void response(String port, int status) {
    registry
        .counter("intake.http.responses", "port", port, "status", (status / 100) + "xx")
        .increment();
  }

  /** Records one Redis script round trip. */
  public void script(String script, long nanos) {
    scripts
        .computeIfAbsent(
            script,
            s ->
                Timer.builder("intake.redis.script.duration")
                    .tag("script", s)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  /** Publishes the open and idle connection counts of one listener. */
  public void connections(String port, IntSupplier open, IntSupplier idle) {
    Gauge.builder("intake.connections.open", open::getAsInt).tag("port", port).register(registry);
    Gauge.builder("intake.connections.idle", idle::getAsInt).tag("port", port).register(registry);
  }

  /** Publishes the data volume's usable space (read on each scrape) and its reserve. */
  public void disk(LongSupplier usableBytes, long reserveBytes) {
    Gauge.builder("intake.disk.free.bytes", usableBytes::getAsLong).register(registry);
    Gauge.builder("intake.disk.reserve.bytes", () -> reserveBytes).register(registry);
  }

  /** Records the outcome of one readiness check; counts a change from the previous one. */
  public void readiness(boolean ready) {
    int now = ready ? 1 : 0;
    if (this.ready.getAndSet(now) != now) {
      registry.counter("intake.readiness.changes").increment();
    }
  }

  /** Counts a connection the gateway closed, by reason. */
  public void connectionClosed(String port, String reason) {
    registry.counter("intake.connections.closed", "port", port, "reason", reason).increment();
  }

  /** Counts a connection closed on arrival because the listener was full of busy connections. */
  public void connectionRefused(String port) {
    registry.counter("intake.connections.refused", "port", port).increment();
  }
}
