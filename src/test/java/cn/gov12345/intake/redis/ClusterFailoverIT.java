package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.FailoverRun;
import cn.gov12345.intake.support.RedisClusterTopology;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the master that holds the partition under webhook load, on a Cluster of its own (3
 * masters + 3 replicas, node timeout 2 s, the killed node restarted 4 s later and rejoining as a
 * replica): its replica is promoted, the gateway follows the new slot map by itself (first 2xx
 * within 15 s of the kill), and with {@code durability: replicated} no acknowledged message is
 * lost: every 2xx had a confirmed write. With {@code everysec} the loss window is measured and
 * printed, not asserted. The figures ({@code [figure]} lines) are quoted in
 * docs/redis-topologies.md.
 */
class ClusterFailoverIT {

  @Test
  void withReplicatedDurabilityAKilledMasterIsReplacedAndNoAcknowledgedMessageIsLost()
      throws Exception {
    FailoverRun.Result r =
        run("  durability: replicated\n  replicas: 1\n  replicationTimeout: 500ms\n");
    System.out.println("[figure] cluster failover, durability replicated: " + r);
    assertThat(r.lost()).as("acknowledged, then lost").isZero();
    assertThat(r.reconnectMillis()).as("first 2xx after the kill").isBetween(0L, 15_000L);
  }

  @Test
  void withEverysecTheGatewayFollowsThePromotionAndTheLossWindowIsMeasured() throws Exception {
    FailoverRun.Result r = run("  durability: everysec\n");
    System.out.println("[figure] cluster failover, durability everysec: " + r);
    assertThat(r.reconnectMillis()).as("first 2xx after the kill").isBetween(0L, 15_000L);
  }

  private static FailoverRun.Result run(String durability) throws Exception {
    try (RedisClusterTopology cluster = RedisClusterTopology.start()) {
      String yaml =
          ClusterSpreadIT.clusterYaml(cluster)
              + durability
              + "  commandTimeout: 2s\n  connectTimeout: 500ms\n";
      try (TestGateway gateway =
          TestGateway.startAgainst(cluster.urls().get(0), TestRedis.freshPrefix(), yaml)) {
        int master = cluster.masterOf(gateway.keys().messages(0));
        return FailoverRun.run(gateway, 2_000, 14_000, () -> killAndRestartLater(cluster, master));
      }
    }
  }

  private static void killAndRestartLater(RedisClusterTopology cluster, int port) {
    cluster.node(port).kill();
    Thread later =
        new Thread(
            () -> {
              try {
                Thread.sleep(4_000);
              } catch (InterruptedException e) {
                return;
              }
              cluster.restart(port);
            });
    later.setDaemon(true);
    later.start();
  }
}
