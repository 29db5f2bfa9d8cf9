package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.FailoverRun;
import cn.gov12345.intake.support.RedisClusterTopology;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the master that holds the partition under webhook load, on a Cluster of its own (3
 * masters + 3 replicas, node timeout 2 s): its replica is promoted, the gateway follows the new
 * slot map by itself, and with {@code durability: replicated} no acknowledged message is lost.
 */
class ClusterFailoverIT {

  @Test
  @Disabled(
      "KNOWN DEFECT (issue 16): after kill -9 of a Cluster master the gateway's pipelined accept"
          + " connection never recovers (every accept times out, also under everysec; readiness"
          + " recovers in ~3.7 s through the pooled client). Dropping the held connection on a"
          + " lost answer is not enough: the Vert.x cluster client keeps routing to the dead node."
          + " docs/redis-topologies.md, Failover")
  void aKilledMasterIsReplacedAndNoAcknowledgedMessageIsLost() throws Exception {
    try (RedisClusterTopology cluster = RedisClusterTopology.start()) {
      String yaml =
          ClusterSpreadIT.clusterYaml(cluster)
              + "  durability: replicated\n  replicas: 1\n  replicationTimeout: 500ms\n"
              + "  commandTimeout: 2s\n  connectTimeout: 500ms\n";
      try (TestGateway gateway =
          TestGateway.startAgainst(cluster.urls().get(0), TestRedis.freshPrefix(), yaml)) {
        int master = cluster.masterOf(gateway.keys().messages(0));
        FailoverRun.Result r =
            FailoverRun.run(gateway, 2_000, 14_000, () -> killAndRestartLater(cluster, master));
        System.out.println("[figure] cluster failover, durability replicated: " + r);
        assertThat(r.lost()).as("acknowledged, then lost").isZero();
        assertThat(r.reconnectMillis()).as("reconnected by itself").isBetween(0L, 12_000L);
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
