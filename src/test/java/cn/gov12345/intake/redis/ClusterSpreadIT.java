package cn.gov12345.intake.redis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.RedisClusterTopology;
import cn.gov12345.intake.support.RedisProcess;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Partitions spread over the masters of a real 3-master Cluster: with P = 6 or 12 every master
 * holds some partitions (by {@code CLUSTER KEYSLOT} and the slot ranges {@code redis-cli --cluster
 * create} assigns), and a load run of 60 citizens through webhook accept and push delivery writes
 * keys and runs scripts on all three. Prints the keys and script calls per master
 * (docs/redis-topologies.md quotes them).
 */
class ClusterSpreadIT {

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  @Test
  void withSixOrTwelvePartitionsEveryMasterHoldsSomeAndTheCrc16RuleMatchesTheCluster() {
    RedisClusterTopology cluster = RedisClusterTopology.shared();
    for (int partitions : new int[] {6, 12}) {
      StreamKeys keys = new StreamKeys("intake", partitions);
      Map<Integer, Long> perMaster =
          IntStream.range(0, partitions)
              .boxed()
              .collect(
                  Collectors.groupingBy(
                      p -> cluster.masterOf(keys.messages(p)),
                      TreeMap::new,
                      Collectors.counting()));
      System.out.println("[figure] P=" + partitions + " partitions per master " + perMaster);
      assertThat(perMaster).as("P = %d", partitions).hasSize(3);
      for (int p = 0; p < partitions; p++) {
        assertThat(cluster.keySlot(keys.messages(p))).isEqualTo(KeySlots.slot(keys.messages(p)));
      }
    }
  }

  @Test
  void aLoadRunOnSixPartitionsWritesAndDeliversOnEveryMaster() throws Exception {
    RedisClusterTopology cluster = RedisClusterTopology.shared();
    sink.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    Map<Integer, Long> before = scriptCalls(cluster);
    String yaml =
        "stream:\n  partitions: 6\n"
            + clusterYaml(cluster)
            + TestDestinations.delivery(
                TestDestinations.destination("orders", sink.baseUrl() + "/hook"));
    try (TestGateway gateway =
        TestGateway.startAgainst(cluster.urls().get(0), TestRedis.freshPrefix(), yaml)) {
      for (int i = 0; i < 60; i++) {
        String body =
            "{\"text\":\"停水\",\"citizen\":{\"phone\":\"1380013" + String.format("%04d", i) + "\"}}";
        assertThat(gateway.webhooks().post(body).statusCode()).isEqualTo(202);
      }
      Eventually.await(
          Duration.ofSeconds(20),
          () -> assertThat(TestDestinations.received(sink, "/hook")).hasSize(60));
      Map<Integer, Long> keysPerMaster = new TreeMap<>();
      for (RedisProcess master : cluster.masters().values()) {
        String listed = master.cli("KEYS", gateway.prefix() + ":*");
        keysPerMaster.put(master.port(), listed.lines().filter(l -> !l.isBlank()).count());
      }
      Map<Integer, Long> after = scriptCalls(cluster);
      Map<Integer, Long> ops = new TreeMap<>();
      after.forEach((port, n) -> ops.put(port, n - before.getOrDefault(port, 0L)));
      System.out.println("[figure] P=6, 60 citizens: keys per master " + keysPerMaster);
      System.out.println("[figure] P=6, 60 citizens: script calls per master " + ops);
      assertThat(keysPerMaster.values()).hasSize(3).allMatch(n -> n > 0);
      assertThat(ops.values()).hasSize(3).allMatch(n -> n > 0);
    }
  }

  /** The {@code redis:} block of a gateway on this cluster. */
  public static String clusterYaml(RedisClusterTopology cluster) {
    StringBuilder yaml = new StringBuilder("redis:\n  mode: cluster\n  endpoints:\n");
    cluster.urls().forEach(u -> yaml.append("    - ").append(u).append('\n'));
    return yaml.toString();
  }

  /** EVAL + EVALSHA calls each master has served (INFO commandstats). */
  static Map<Integer, Long> scriptCalls(RedisClusterTopology cluster) {
    Map<Integer, Long> out = new TreeMap<>();
    for (RedisProcess master : cluster.masters().values()) {
      long calls = 0;
      for (String line : master.cli("INFO", "commandstats").split("\n")) {
        if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
          int at = line.indexOf("calls=") + "calls=".length();
          calls += Long.parseLong(line.substring(at, line.indexOf(',', at)));
        }
      }
      out.put(master.port(), calls);
    }
    return out;
  }
}
