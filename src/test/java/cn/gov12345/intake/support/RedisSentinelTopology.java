package cn.gov12345.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real 1-master + 2-replica + 3-sentinel set on free loopback ports ({@link RedisProcess}es),
 * master name {@link #MASTER_NAME}, quorum 2, down-after 1 s, AOF everysec. Ready when every
 * sentinel sees the master, both replicas and the two other sentinels. Torn down by PID, also at
 * JVM exit.
 */
public final class RedisSentinelTopology implements AutoCloseable {

  public static final String MASTER_NAME = "intake";

  private final List<RedisProcess> servers;
  private final List<RedisProcess> sentinels;

  private RedisSentinelTopology(List<RedisProcess> servers, List<RedisProcess> sentinels) {
    this.servers = servers;
    this.sentinels = sentinels;
  }

  /** Starts the set and waits until the sentinels agree on it. */
  public static RedisSentinelTopology start() {
    int[] ports;
    try {
      ports = TestRedis.freePorts(6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> data = List.of("appendonly yes", "appendfsync everysec", "save \"\"");
    List<RedisProcess> servers = new ArrayList<>();
    servers.add(RedisProcess.start(ports[0], data, false));
    for (int i = 1; i <= 2; i++) {
      List<String> replica = new ArrayList<>(data);
      replica.add("replicaof 127.0.0.1 " + ports[0]);
      servers.add(RedisProcess.start(ports[i], replica, false));
    }
    List<RedisProcess> sentinels = new ArrayList<>();
    for (int i = 3; i < 6; i++) {
      sentinels.add(
          RedisProcess.start(
              ports[i],
              List.of(
                  "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + ports[0] + " 2",
                  "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                  "sentinel failover-timeout " + MASTER_NAME + " 10000",
                  "sentinel parallel-syncs " + MASTER_NAME + " 2"),
              true));
    }
    RedisSentinelTopology set = new RedisSentinelTopology(servers, sentinels);
    RedisProcess.waitFor(
        30,
        () -> sentinels.stream().allMatch(s -> set.seesWholeSet(s)),
        () -> sentinels.get(0).cli("SENTINEL", "MASTER", MASTER_NAME));
    return set;
  }

  private boolean seesWholeSet(RedisProcess sentinel) {
    String master = sentinel.cli("SENTINEL", "MASTER", MASTER_NAME);
    return field(master, "num-slaves").equals("2")
        && field(master, "num-other-sentinels").equals("2")
        && field(master, "flags").equals("master");
  }

  /** A field of a redis-cli multi-line (name\nvalue\n…) reply. */
  private static String field(String reply, String name) {
    String[] lines = reply.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].trim().equals(name)) {
        return lines[i + 1].trim();
      }
    }
    return "";
  }

  /** The sentinels' URLs: the gateway's {@code redis.endpoints}. */
  public List<String> sentinelUrls() {
    return sentinels.stream().map(RedisProcess::url).toList();
  }

  /** The data server the sentinels currently name master. */
  public RedisProcess master() {
    for (RedisProcess s : sentinels) {
      if (!s.alive()) {
        continue;
      }
      String[] addr = s.cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).split("\n");
      if (addr.length == 2) {
        int port = Integer.parseInt(addr[1].trim());
        return servers.stream().filter(r -> r.port() == port).findFirst().orElseThrow();
      }
    }
    throw new IllegalStateException("no sentinel names a master");
  }

  /** The data servers (master and replicas). */
  public List<RedisProcess> servers() {
    return servers;
  }

  /** Kills every process by PID. */
  @Override
  public void close() {
    sentinels.forEach(RedisProcess::kill);
    servers.forEach(RedisProcess::kill);
  }
}
