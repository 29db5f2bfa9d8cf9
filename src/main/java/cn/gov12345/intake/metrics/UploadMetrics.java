package cn.gov12345.intake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of tus uploads (refusals are counted by the failure handler as {@code
 * intake_requests_rejected_total{channel="app"}}).
 */
public final class UploadMetrics {

  private final Counter created;
  private final Counter completed;
  private final Counter bytes;
  private final Counter expired;

  public UploadMetrics(MeterRegistry registry) {
    this.created =
        Counter.builder("intake.uploads.initiated")
            .description("tus uploads created")
            .register(registry);
    this.completed =
        Counter.builder("intake.uploads.completed")
            .description("uploads validated, stored and registered as media")
            .register(registry);
    this.bytes =
        Counter.builder("intake.upload.received")
            .description("bytes received and staged by PATCH requests")
            .baseUnit("bytes")
            .register(registry);
    this.expired =
        Counter.builder("intake.uploads.expired")
            .description("incomplete uploads and unclaimed media deleted by the sweeper")
            .register(registry);
  }

  public void created() {
    created.increment();
  }

  public void received(long count, boolean complete) {
    bytes.increment(count);
    if (complete) {
      completed.increment();
    }
  }

  public void expired(int count) {
    expired.increment(count);
  }
}
