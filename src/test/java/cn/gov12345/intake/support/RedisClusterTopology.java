package cn.gov12345.intake.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real 3-master + 3-replica Redis Cluster on free loopback ports: six {@link RedisProcess}es with
 * {@code cluster-enabled yes}, joined by {@code redis-cli --cluster create … --cluster-replicas 1
 * --cluster-yes}, ready when every node reports {@code cluster_state:ok}. AOF everysec, node
 * timeout 2 s (a killed master is replaced in ~3-5 s). {@link #shared()} is one cluster for the
 * whole test JVM; {@link #start()} a private one for a test that kills nodes. Torn down by PID,
 * also at JVM exit.
 */
public final class RedisClusterTopology implements AutoCloseable {

  private static RedisClusterTopology shared;

  private final List<RedisProcess> nodes;

  private RedisClusterTopology(List<RedisProcess> nodes) {
    this.nodes = nodes;
  }

  /** One cluster for the whole JVM (started on first use, stopped at exit). */
  public static synchronized RedisClusterTopology shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** A new cluster of its own. */
  public static RedisClusterTopology start() {
    int[] ports = clusterPorts(6);
    List<RedisProcess> nodes = new ArrayList<>();
    for (int port : ports) {
      nodes.add(
          RedisProcess.start(
              port,
              List.of(
                  "cluster-enabled yes",
                  "cluster-config-file nodes.conf",
                  "cluster-node-timeout 2000",
                  "appendonly yes",
                  "appendfsync everysec",
                  "save \"\""),
              false));
    }
    RedisClusterTopology cluster = new RedisClusterTopology(nodes);
    List<String> create = new ArrayList<>(List.of(RedisProcess.cliBinary(), "--cluster", "create"));
    nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
    create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    String out = RedisProcess.run(create, 60);
    if (!out.contains("[OK] All 16384 slots covered")) {
      cluster.close();
      throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
    }
    cluster.awaitHealthy(30);
    return cluster;
  }

  /**
   * Free ports for cluster nodes. A node also listens on its port + 10000 (the cluster bus), so
   * both must be free; and both are taken below Linux's ephemeral range (32768-60999), so no
   * outgoing connection of this machine can take one between the check and the start. A CI run once
   * failed on a bus port an ephemeral client port had taken ("Failed listening on port 44205
   * (cluster)").
   */
  static int[] clusterPorts(int count) {
    int[] ports = new int[count];
    int found = 0;
    int start = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2_000);
    for (int port = start; port < 22_700 && found < count; port++) {
      if (free(port) && free(port + 10_000)) {
        ports[found++] = port;
      }
    }
    if (found < count) {
      throw new IllegalStateException("no " + count + " free cluster port pairs in 20000-32700");
    }
    return ports;
  }

  private static boolean free(int port) {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until every live node reports {@code cluster_state:ok} and 3 masters hold slots. */
  public void awaitHealthy(int seconds) {
    RedisProcess.waitFor(
        seconds,
        () ->
            nodes.stream()
                    .filter(RedisProcess::alive)
                    .allMatch(n -> n.cli("CLUSTER", "INFO").contains("cluster_state:ok"))
                && masters().size() == 3,
        () -> nodes.get(0).cli("CLUSTER", "NODES"));
  }

  /** Every node's URL: the gateway's {@code redis.endpoints} seeds. */
  public List<String> urls() {
    return nodes.stream().filter(RedisProcess::alive).map(RedisProcess::url).toList();
  }

  /** The live masters holding slots, by port. */
  public Map<Integer, RedisProcess> masters() {
    Map<Integer, RedisProcess> out = new TreeMap<>();
    for (RedisProcess n : nodes) {
      if (!n.alive()) {
        continue;
      }
      for (String line : n.cli("CLUSTER", "NODES").split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length > 8 && f[2].contains("myself") && f[2].contains("master")) {
          out.put(n.port(), n);
        }
      }
    }
    return out;
  }

  /** A live replica of the master on {@code masterPort}. */
  public RedisProcess replicaOf(int masterPort) {
    String master = node(masterPort).cli("CLUSTER", "MYID");
    for (RedisProcess n : nodes) {
      if (n.alive() && n.port() != masterPort) {
        String[] role =
            n.cli("CLUSTER", "NODES")
                .lines()
                .filter(l -> l.contains("myself"))
                .findFirst()
                .orElse("")
                .split(" ");
        if (role.length > 3 && role[2].contains("slave") && role[3].equals(master)) {
          return n;
        }
      }
    }
    throw new IllegalStateException("no live replica of " + masterPort);
  }

  /** Restarts a killed node; it rejoins the cluster (as a replica once its slots moved). */
  public RedisProcess restart(int port) {
    RedisProcess old = node(port);
    RedisProcess again = old.restart();
    nodes.set(nodes.indexOf(old), again);
    return again;
  }

  /** The node (live or not) on a port. */
  public RedisProcess node(int port) {
    return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
  }

  /** The master port that serves {@code key}'s slot, as the cluster answers it. */
  public int masterOf(String key) {
    RedisProcess any = nodes.stream().filter(RedisProcess::alive).findFirst().orElseThrow();
    long slot = Long.parseLong(any.cli("CLUSTER", "KEYSLOT", key));
    for (String line : any.cli("CLUSTER", "NODES").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length <= 8 || !f[2].contains("master") || f[2].contains("fail")) {
        continue;
      }
      for (int i = 8; i < f.length; i++) {
        String[] range = f[i].split("-");
        if (range[0].startsWith("[")) {
          continue;
        }
        long from = Long.parseLong(range[0]);
        long to = range.length > 1 ? Long.parseLong(range[1]) : from;
        if (slot >= from && slot <= to) {
          return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
        }
      }
    }
    throw new IllegalStateException("no master serves slot " + slot);
  }

  /** The slot of a key, as {@code CLUSTER KEYSLOT} answers it. */
  public int keySlot(String key) {
    RedisProcess any = nodes.stream().filter(RedisProcess::alive).findFirst().orElseThrow();
    return Integer.parseInt(any.cli("CLUSTER", "KEYSLOT", key));
  }

  /** Kills every node by PID. */
  @Override
  public void close() {
    nodes.forEach(RedisProcess::kill);
  }
}
