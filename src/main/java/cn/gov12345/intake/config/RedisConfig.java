package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.List;

/**
 * Where the streams live.
 *
 * @param url {@code redis://[:password@]host:port[/db]}; empty = start the bundled redis-server
 * @param mode standalone, sentinel or cluster
 * @param endpoints extra endpoints for sentinel / cluster (same URL form)
 * @param masterName the Sentinel master name
 * @param poolSize pooled connections per event loop (management, background work)
 * @param poolWaiting callers allowed to wait for a pooled connection
 * @param connectTimeout TCP connect timeout
 * @param commandTimeout how long an accept may wait for Redis before answering 503
 * @param retryAfter the {@code Retry-After} sent with a 503
 * @param durability what an ack is worth: {@code everysec}, {@code fsync} or {@code replicated}
 *     (docs/durability.md)
 * @param replicas {@code replicated}: how many replicas must hold a write before the ack
 * @param replicationTimeout {@code replicated}: how long the ack waits for them (then 503)
 * @param embedded settings of the bundled redis-server
 * @param tls trust and client certificate for {@code rediss://} URLs
 */
public record RedisConfig(
    Secret url,
    RedisMode mode,
    List<Secret> endpoints,
    String masterName,
    int poolSize,
    int poolWaiting,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration retryAfter,
    Durability durability,
    int replicas,
    Duration replicationTimeout,
    EmbeddedRedisConfig embedded,
    RedisTlsConfig tls) {

  public RedisConfig {
    url = url == null ? Secret.of("") : url;
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /**
   * True when the Redis URLs are {@code rediss://}: then every connection (and every node a Cluster
   * or Sentinel names) is TLS.
   */
  public boolean usesTls() {
    return urls().stream().anyMatch(RedisConfig::isTls);
  }

  private List<String> urls() {
    List<String> all = new java.util.ArrayList<>();
    if (!url.isBlank()) {
      all.add(url.reveal());
    }
    endpoints.forEach(e -> all.add(e.reveal()));
    return all;
  }

  private static boolean isTls(String u) {
    return u.strip().regionMatches(true, 0, "rediss://", 0, 9);
  }

  /** True when no URL is configured and the gateway starts its own redis-server. */
  public boolean isEmbedded() {
    return url.isBlank() && endpoints.isEmpty();
  }

  void validate(Problems p) {
    p.require(mode != null, "redis.mode", "must be standalone, sentinel or cluster");
    if (!url.isBlank()) {
      String u = url.reveal();
      p.require(
          u.startsWith("redis://") || u.startsWith("rediss://") || u.startsWith("unix://"),
          "redis.url",
          "must start with redis://, rediss:// or unix://");
    }
    p.require(
        mode != RedisMode.SENTINEL || (masterName != null && !masterName.isBlank()),
        "redis.masterName",
        "is required in sentinel mode");
    p.require(poolSize >= 1, "redis.poolSize", "must be at least 1");
    p.require(poolWaiting >= 1, "redis.poolWaiting", "must be at least 1");
    positive(p, connectTimeout, "redis.connectTimeout");
    positive(p, commandTimeout, "redis.commandTimeout");
    positive(p, retryAfter, "redis.retryAfter");
    p.require(durability != null, "redis.durability", "must be everysec, fsync or replicated");
    if (durability == Durability.REPLICATED) {
      p.require(
          !isEmbedded(),
          "redis.durability",
          "replicated needs an external Redis with replicas (redis.url); the bundled server has"
              + " none");
      p.require(replicas >= 1, "redis.replicas", "must be at least 1 with durability replicated");
      positive(p, replicationTimeout, "redis.replicationTimeout");
      p.require(
          replicationTimeout == null
              || commandTimeout == null
              || replicationTimeout.compareTo(commandTimeout) < 0,
          "redis.replicationTimeout",
          "must be shorter than redis.commandTimeout");
    }
    p.require(
        durability != Durability.FSYNC || isEmbedded(),
        "redis.durability",
        "fsync is built for the bundled redis-server only; with an external Redis use everysec"
            + " and set that server's appendfsync yourself (see docs/durability.md)");
    if (embedded == null) {
      p.add("redis.embedded", "is required");
    } else {
      embedded.validate(p);
    }
    validateTls(p);
  }

  private void validateTls(Problems p) {
    if (tls == null) {
      p.add("redis.tls", "is required");
      return;
    }
    tls.validate(p);
    p.require(
        urls().stream().allMatch(RedisConfig::isTls)
            || urls().stream().noneMatch(RedisConfig::isTls),
        "redis.endpoints",
        "mix rediss:// and redis://; one client speaks TLS to every node or to none");
    p.require(
        !tls.configured() || usesTls(),
        "redis.tls",
        "certificates are set but no Redis URL is rediss:// (TLS is used only with rediss://)");
  }

  static void positive(Problems p, Duration d, String path) {
    p.require(d != null && !d.isNegative() && !d.isZero(), path, "must be a positive duration");
  }

  @Override
  public String toString() {
    return "RedisConfig[url="
        + RedisUrls.redact(url.reveal())
        + ", mode="
        + mode
        + ", endpoints="
        + endpoints.stream().map(s -> RedisUrls.redact(s.reveal())).toList()
        + ", masterName="
        + masterName
        + ", poolSize="
        + poolSize
        + ", commandTimeout="
        + commandTimeout
        + ", durability="
        + durability
        + ", tls="
        + usesTls()
        + "]";
  }
}
