package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * The streams and their keys.
 *
 * @param keyPrefix first segment of every key (several gateways may share one Redis)
 * @param partitions number of partitions P; keys carry the hash tag {@code {pN}}
 * @param dedupTtl how long a channel's idempotency key is remembered (at least 24 h)
 * @param retention entries older than this may be trimmed, but only once every consumer group has
 *     acknowledged them
 * @param trimInterval how often the trimmer runs
 * @param trackingFence how far every partition's day sequence jumps when the gateway meets a Redis
 *     that restarted or failed over (a new {@code run_id}) under {@code redis.durability:
 *     everysec}: more than the tracking numbers Redis may have issued in the writes it lost
 *     (docs/durability.md); 0 turns the fence off
 */
public record StreamConfig(
    String keyPrefix,
    int partitions,
    Duration dedupTtl,
    Duration retention,
    Duration trimInterval,
    int trackingFence) {

  void validate(Problems p) {
    p.require(
        keyPrefix != null && keyPrefix.matches("[a-zA-Z0-9_.-]{1,32}"),
        "stream.keyPrefix",
        "must be 1-32 characters of a-z, A-Z, 0-9, _ . -");
    p.require(partitions >= 1 && partitions <= 99, "stream.partitions", "must be 1..99");
    p.require(
        dedupTtl != null && dedupTtl.compareTo(Duration.ofHours(24)) >= 0,
        "stream.dedupTtl",
        "must be at least 24h (channels retry for up to a day)");
    p.require(
        retention != null && retention.compareTo(Duration.ofHours(1)) >= 0,
        "stream.retention",
        "must be at least 1h");
    RedisConfig.positive(p, trimInterval, "stream.trimInterval");
    p.require(
        trackingFence >= 0 && trackingFence <= 500_000,
        "stream.trackingFence",
        "must be 0..500000 (numbers skipped per Redis restart)");
  }
}
