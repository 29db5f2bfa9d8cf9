package cn.gov12345.intake.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.Durability;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.RedisMode;
import cn.gov12345.intake.support.Kubectl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The overlays for an external Redis Cluster and Redis behind Sentinel ({@code k8s/overlays/}, on
 * the {@code k8s/} base): their config loads through the real {@link ConfigLoader} with the base
 * pod's environment plus the overlay's extra Secret keys, differs from the base only in the {@code
 * redis} block, and {@code kubectl kustomize} renders them with those keys in the pod (when kubectl
 * is installed).
 */
class K8sRedisOverlaysTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A PEM certificate standing in for the mounted CA (the config check reads it). */
  private static Path testCa() throws IOException {
    Path ca = Files.createTempFile("redis-ca", ".crt");
    try (var in = K8sRedisOverlaysTest.class.getResourceAsStream("/k8s-test-ca.crt")) {
      Files.write(ca, in.readAllBytes());
    }
    return ca;
  }

  @ParameterizedTest
  @CsvSource({
    "redis-cluster, CLUSTER, INTAKE_REDIS_SEED_2, INTAKE_REDIS_SEED_3",
    "redis-sentinel, SENTINEL, INTAKE_REDIS_SENTINEL_2, INTAKE_REDIS_SENTINEL_3"
  })
  void theOverlayConfigLoadsWithItsTopologyAndOnlyItsRedisBlockDiffers(
      String overlay, RedisMode mode, String second, String third) throws IOException {
    Path dir = Path.of("k8s/overlays", overlay);
    Map<String, String> env =
        new HashMap<>(PodEnvironment.of(K8sManifests.load(K8sManifests.DIR)).values());
    // TLS (the redis-tls component): every URL rediss://, the CA as the component names it
    env.put("INTAKE_REDIS_URL", "rediss://:s3cret@redis-0.redis.svc:6379");
    env.put(second, "rediss://:s3cret@redis-1.redis.svc:6379");
    env.put(third, "rediss://:s3cret@redis-2.redis.svc:6379");
    String ca = testCa().toString();
    env.put("INTAKE_REDIS_TLS_CA", ca);
    GatewayConfig config = new ConfigLoader(env::get).load(dir.resolve("gateway.yaml"));

    assertThat(config.redis().mode()).isEqualTo(mode);
    assertThat(config.redis().usesTls()).isTrue();
    assertThat(config.redis().tls().trustCertificate()).isEqualTo(ca);
    assertThat(config.redis().tls().verifyHostname()).isTrue();
    assertThat(config.redis().endpoints()).hasSize(2);
    assertThat(config.redis().durability()).isEqualTo(Durability.REPLICATED);
    ObjectNode base = (ObjectNode) YAML.readTree(K8sManifests.DIR.resolve("gateway.yaml").toFile());
    ObjectNode mine = (ObjectNode) YAML.readTree(dir.resolve("gateway.yaml").toFile());
    base.remove("redis");
    mine.remove("redis");
    assertThat(mine).isEqualTo(base);
  }

  @ParameterizedTest
  @CsvSource({
    "redis-cluster, INTAKE_REDIS_SEED_2, INTAKE_REDIS_SEED_3",
    "redis-sentinel, INTAKE_REDIS_SENTINEL_2, INTAKE_REDIS_SENTINEL_3"
  })
  void kubectlKustomizeRendersTheOverlayWithItsSecretKeys(
      String overlay, String second, String third) throws Exception {
    Process p =
        new ProcessBuilder(List.of(Kubectl.path(), "kustomize", "k8s/overlays/" + overlay))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("kind: Deployment", "kind: ConfigMap", "- name: " + second, "key: " + third)
        .contains("name: INTAKE_REDIS_TLS_CA", "value: /etc/intake/redis-tls/ca.crt")
        .contains("mountPath: /etc/intake/redis-tls", "secretName: intake-redis-tls")
        .contains(overlay.equals("redis-cluster") ? "mode: cluster" : "mode: sentinel");
  }
}
