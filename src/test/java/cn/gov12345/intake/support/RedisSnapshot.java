package cn.gov12345.intake.support;

import io.vertx.redis.client.Command;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a key prefix holds in Redis, comparable before and after a request: every key with its value
 * (strings), length (streams, lists) or size (hashes, sets, sorted sets). "Nothing written" is
 * then: the snapshot did not change.
 */
public final class RedisSnapshot {

  private RedisSnapshot() {}

  public static Map<String, String> of(String prefix) {
    Map<String, String> out = new TreeMap<>();
    for (String key : TestRedis.keys(prefix)) {
      String type = TestRedis.call(Command.TYPE, key).toString();
      String value =
          switch (type) {
            case "string" -> TestRedis.call(Command.GET, key).toString();
            case "stream" -> "xlen=" + TestRedis.call(Command.XLEN, key).toLong();
            case "hash" -> "hlen=" + TestRedis.call(Command.HLEN, key).toLong();
            case "zset" -> "zcard=" + TestRedis.call(Command.ZCARD, key).toLong();
            case "set" -> "scard=" + TestRedis.call(Command.SCARD, key).toLong();
            case "list" -> "llen=" + TestRedis.call(Command.LLEN, key).toLong();
            default -> type;
          };
      out.put(key, value);
    }
    return out;
  }
}
