package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.TlsRedis;
import cn.gov12345.intake.support.WebhookClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} on a Redis Cluster: 3 masters that speak only TLS, the cluster bus too. The
 * client takes the nodes of the slot map ({@code CLUSTER SLOTS}) with the seed's scheme, so every
 * partition's master is reached over TLS with the configured CA and client certificate.
 */
class RedisTlsClusterIT {

  private static final int PARTITIONS = 12;
  private static final int CITIZENS = 24;

  @Test
  void webhooksOfManyCitizensAreAcceptedOverTlsOnEveryMasterOfTheCluster() throws Exception {
    try (TlsRedis cluster = TlsRedis.cluster()) {
      String prefix = TestRedis.freshPrefix();
      try (TestGateway gateway =
          TestGateway.startAgainst(
              cluster.urlByAddress(),
              prefix,
              cluster.clusterYaml() + "stream:\n  partitions: " + PARTITIONS + "\n")) {
        WebhookClient partner = gateway.webhooks();
        for (int c = 0; c < CITIZENS; c++) {
          String body =
              "{\"text\":\"楼道灯坏了\",\"citizen\":{\"phone\":\"1390000" + (1000 + c) + "\"}}";
          assertThat(partner.post(body).statusCode()).as("citizen " + c).isEqualTo(202);
        }

        List<Long> perMaster = new ArrayList<>();
        for (int master = 0; master < 3; master++) {
          perMaster.add(0L);
        }
        for (int p = 0; p < PARTITIONS; p++) {
          List<String> answers = cluster.cliEach("XLEN", gateway.keys().messages(p));
          for (int master = 0; master < answers.size(); master++) {
            // the master that holds the slot answers the length, the others MOVED
            if (answers.get(master).matches("\\d+")) {
              perMaster.set(master, perMaster.get(master) + Long.parseLong(answers.get(master)));
            }
          }
        }
        assertThat(perMaster.stream().mapToLong(Long::longValue).sum()).isEqualTo(CITIZENS);
        assertThat(perMaster).as("entries per master").allMatch(n -> n > 0);
      }
    }
  }
}
