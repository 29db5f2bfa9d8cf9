package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.RedisClusterTopology;
import cn.gov12345.intake.support.RedisProcess;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code durability: replicated} on a Cluster: the WAIT of an accept reaches the master that took
 * the write. A WAIT sent on its own would go to any master and answer at once (nothing of its
 * connection to wait for), so a stalled replica would not stop the 2xx; sent in one batch with the
 * write, it waits for the replica of the write's master, and a stalled one turns the ack into 503.
 */
class ClusterReplicatedIT {

  @Test
  void anAcceptIsAnsweredOnlyAfterTheReplicaOfItsOwnMasterHoldsIt() throws Exception {
    RedisClusterTopology cluster = RedisClusterTopology.shared();
    String yaml =
        ClusterSpreadIT.clusterYaml(cluster)
            + "  durability: replicated\n  replicas: 1\n  replicationTimeout: 1s\n"
            + "  commandTimeout: 3s\n";
    try (TestGateway gateway =
        TestGateway.startAgainst(cluster.urls().get(0), TestRedis.freshPrefix(), yaml)) {
      int master = cluster.masterOf(gateway.keys().messages(0));
      RedisProcess replica = cluster.replicaOf(master);
      // the replicas of a fresh cluster may still be syncing: the first ack may take a moment
      Eventually.await(
          Duration.ofSeconds(20),
          () -> assertThat(gateway.webhooks().post(body("一")).statusCode()).isEqualTo(202));

      replica.pause();
      int stalled;
      try {
        stalled = gateway.webhooks().post(body("二")).statusCode();
      } finally {
        replica.resume();
      }
      assertThat(stalled).as("no replica of the write's master confirmed it").isEqualTo(503);
      Eventually.await(
          Duration.ofSeconds(10),
          () -> assertThat(gateway.webhooks().post(body("三")).statusCode()).isEqualTo(202));
    }
  }

  private static String body(String text) {
    return "{\"text\":\"" + text + "\",\"citizen\":{\"phone\":\"13800138000\"}}";
  }
}
