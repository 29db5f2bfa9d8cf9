package cn.gov12345.intake.config;

/**
 * The bundled redis-server started when no Redis URL is configured.
 *
 * @param port TCP port on 127.0.0.1 (0 = a free port)
 * @param maxMemory redis {@code maxmemory}, e.g. {@code 1gb} (noeviction: a full Redis answers 503,
 *     it never drops a message)
 */
public record EmbeddedRedisConfig(int port, String maxMemory) {

  void validate(Problems p) {
    p.port(port, "redis.embedded.port");
    p.require(
        maxMemory != null && maxMemory.matches("\\d+(kb|mb|gb)?"),
        "redis.embedded.maxMemory",
        "must be a Redis memory size such as 512mb or 2gb");
  }
}
