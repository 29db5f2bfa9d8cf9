package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.RedisClusterTopology;
import cn.gov12345.intake.support.RedisProcess;
import cn.gov12345.intake.support.RedisSentinelTopology;
import org.junit.jupiter.api.Test;

/** The test topologies start from real redis-server processes and are torn down by PID. */
class RedisTopologiesIT {

  @Test
  void aClusterOfThreeMastersAndThreeReplicasIsHealthy() {
    RedisClusterTopology cluster = RedisClusterTopology.shared();
    assertThat(cluster.masters()).hasSize(3);
    assertThat(cluster.urls()).hasSize(6);
    assertThat(cluster.masterOf("x:{p0}:messages")).isIn(cluster.masters().keySet());
  }

  @Test
  void aSentinelSetNamesItsMasterAndStopsByPid() {
    RedisProcess master;
    try (RedisSentinelTopology set = RedisSentinelTopology.start()) {
      master = set.master();
      assertThat(master.cli("ROLE")).startsWith("master");
      assertThat(set.sentinelUrls()).hasSize(3);
    }
    assertThat(master.alive()).isFalse();
  }
}
