package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * The per-ticket status record (what the 进度查询 lookup reads) and status updates from downstream
 * systems ({@code POST /v1/tickets/{ticketId}/status}, see docs/status.md).
 *
 * @param retention a day's status records live this long after its first ticket or the last report
 *     on one of them
 * @param tolerance a signed update's {@code webhook-timestamp} may be this far from now
 * @param maxBodyBytes largest update body (413 beyond)
 */
public record StatusConfig(Duration retention, Duration tolerance, int maxBodyBytes) {

  void validate(Problems p) {
    p.require(
        retention != null && retention.compareTo(Duration.ofDays(1)) >= 0,
        "status.retention",
        "must be at least 1d (citizens look tickets up for weeks)");
    RedisConfig.positive(p, tolerance, "status.tolerance");
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        "status.maxBodyBytes",
        "must be 1024..1048576");
  }
}
