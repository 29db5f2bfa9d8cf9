package cn.gov12345.intake.redis;

import cn.gov12345.intake.config.RedisConfig;
import cn.gov12345.intake.config.RedisMode;
import cn.gov12345.intake.config.RedisUrls;
import cn.gov12345.intake.config.Secret;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis the gateway uses, resolved once at start-up: the configured one, or the embedded
 * server's loopback URL.
 *
 * @param urls connection URLs (first = standalone URL or first seed)
 * @param config the Redis settings
 * @param description how start-up logs name it (no password)
 */
public record RedisEndpoint(List<String> urls, RedisConfig config, String description) {

  /** The configured external Redis. */
  public static RedisEndpoint external(RedisConfig config) {
    List<String> urls = new ArrayList<>();
    if (!config.url().isBlank()) {
      urls.add(config.url().reveal());
    }
    config.endpoints().stream().map(Secret::reveal).forEach(urls::add);
    String shown =
        config.mode().name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + urls.stream().map(RedisUrls::redact).toList();
    return new RedisEndpoint(List.copyOf(urls), config, shown);
  }

  /** The embedded server on a loopback port. */
  public static RedisEndpoint embedded(RedisConfig config, int port, String dataDir) {
    return new RedisEndpoint(
        List.of("redis://127.0.0.1:" + port),
        config,
        "embedded redis-server on 127.0.0.1:" + port + " (AOF under " + dataDir + ")");
  }

  /** Options for a pooled client. */
  public RedisOptions pooled() {
    RedisOptions options =
        new RedisOptions()
            .setEndpoints(new ArrayList<>(urls))
            .setMaxPoolSize(config.poolSize())
            .setMaxPoolWaiting(config.poolWaiting())
            .setMaxWaitingHandlers(8192)
            .setNetClientOptions(
                RedisTls.apply(
                    config,
                    new NetClientOptions()
                        .setTcpNoDelay(true)
                        .setTcpKeepAlive(true)
                        .setConnectTimeout((int) config.connectTimeout().toMillis())));
    switch (config.mode()) {
      case SENTINEL ->
          options
              .setType(RedisClientType.SENTINEL)
              .setMasterName(config.masterName())
              .setRole(RedisRole.MASTER);
      case CLUSTER -> options.setType(RedisClientType.CLUSTER);
      default -> options.setType(RedisClientType.STANDALONE);
    }
    return options;
  }

  /** Options for a client whose single connection is held and pipelined. */
  public RedisOptions dedicated() {
    return new RedisOptions(pooled()).setMaxPoolSize(1).setMaxPoolWaiting(1);
  }

  public boolean isCluster() {
    return config.mode() == RedisMode.CLUSTER;
  }
}
