package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * The Server-Sent Events endpoint of the pull API.
 *
 * @param pollInterval how often an open stream reads Redis for new events (a timer, no blocked
 *     connection per client)
 * @param heartbeat a comment line is sent this often so proxies keep an idle stream open
 * @param batch events read per poll (and the most a slow client can have queued beyond its TCP
 *     window)
 * @param maxConnectionsPerConsumer open streams one consumer may hold on one gateway replica
 */
public record PullSseConfig(
    Duration pollInterval, Duration heartbeat, int batch, int maxConnectionsPerConsumer) {

  void validate(Problems p) {
    RedisConfig.positive(p, pollInterval, "pull.sse.pollInterval");
    RedisConfig.positive(p, heartbeat, "pull.sse.heartbeat");
    p.require(batch >= 1 && batch <= 1000, "pull.sse.batch", "must be 1..1000");
    p.require(
        maxConnectionsPerConsumer >= 1 && maxConnectionsPerConsumer <= 1000,
        "pull.sse.maxConnectionsPerConsumer",
        "must be 1..1000");
  }
}
