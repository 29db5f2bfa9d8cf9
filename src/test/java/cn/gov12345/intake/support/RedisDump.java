package cn.gov12345.intake.support;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;

/** Everything stored under a prefix, as text: to assert what must never be in Redis in clear. */
public final class RedisDump {

  private RedisDump() {}

  /** Every key and every value (hash fields, stream entries, set and list members). */
  public static String of(String prefix) {
    StringBuilder out = new StringBuilder();
    for (String key : TestRedis.keys(prefix)) {
      out.append(key).append('\n');
      String type = TestRedis.call(Command.TYPE, key).toString();
      Response r =
          switch (type) {
            case "string" -> TestRedis.call(Command.GET, key);
            case "hash" -> TestRedis.call(Command.HGETALL, key);
            case "stream" -> TestRedis.call(Command.XRANGE, key, "-", "+");
            case "zset" -> TestRedis.call(Command.ZRANGE, key, "0", "-1", "WITHSCORES");
            case "set" -> TestRedis.call(Command.SMEMBERS, key);
            case "list" -> TestRedis.call(Command.LRANGE, key, "0", "-1");
            default -> null;
          };
      append(out, r);
      out.append('\n');
    }
    return out.toString();
  }

  private static void append(StringBuilder out, Response r) {
    if (r != null) {
      out.append(r); // a multi prints its elements (and a map its keys and values) recursively
    }
  }
}
