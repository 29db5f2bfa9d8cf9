package cn.gov12345.intake.k8s;

import static cn.gov12345.intake.k8s.K8sManifests.strings;
import static cn.gov12345.intake.k8s.K8sManifests.toList;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.http.ManagementVerticle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Deployment in {@code k8s/base/} runs the gateway the way its config says: ports, probes, data
 * directory and shutdown timing follow from the config file loaded through the real {@link
 * ConfigLoader}; the pod is sized, locked down and overridden by nothing but the Secret.
 */
class K8sDeploymentTest {

  // routes of ManagementVerticle (string literals there)
  private static final String LIVE_PATH = ManagementVerticle.LIVE_PATH;
  private static final String READY_PATH = ManagementVerticle.READY_PATH;
  private static final String METRICS_PATH = ManagementVerticle.METRICS_PATH;

  private static K8sManifests k8s;
  private static PodEnvironment pod;

  @BeforeAll
  static void readTheBase() {
    k8s = K8sManifests.load(K8sManifests.DIR);
    pod = PodEnvironment.of(k8s);
  }

  @Test
  void deploymentRunsAtLeastTwoReplicasOfThePodsItSelects() {
    JsonNode spec = k8s.only("Deployment").path("spec");
    assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(podLabels())
        .containsAllEntriesOf(strings(spec.path("selector").path("matchLabels")));
  }

  @Test
  void containerStartsWithTheMountedConfigFile() {
    JsonNode configMount =
        toList(k8s.container().path("volumeMounts")).stream()
            .filter(m -> m.path("name").asText().equals("config"))
            .findFirst()
            .orElseThrow();
    List<String> args =
        toList(k8s.container().path("args")).stream().map(JsonNode::asText).toList();
    assertThat(configMount.path("readOnly").asBoolean()).isTrue();
    assertThat(args)
        .containsSequence(
            "--config", configMount.path("mountPath").asText() + "/" + k8s.configFileName());
  }

  @Test
  void containerPortsAreTheHttpAndManagementPortsOfTheConfig() {
    GatewayConfig config = pod.config();
    assertThat(k8s.containerPort(TextNode.valueOf("http"))).isEqualTo(config.http().port());
    assertThat(k8s.containerPort(TextNode.valueOf("management")))
        .isEqualTo(config.management().port());
    assertThat(toList(k8s.container().path("ports"))).hasSize(2);
  }

  @Test
  void livenessProbeHitsTheManagementPortOfTheConfig() {
    assertProbe("livenessProbe", LIVE_PATH);
  }

  @Test
  void readinessProbeHitsTheManagementPortOfTheConfig() {
    assertProbe("readinessProbe", READY_PATH);
  }

  @Test
  void startupProbeHitsLivenessOnTheManagementPortOfTheConfig() {
    assertProbe("startupProbe", LIVE_PATH);
  }

  @Test
  void prometheusScrapesTheManagementPort() {
    Map<String, String> annotations =
        strings(k8s.podTemplate().path("metadata").path("annotations"));
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", String.valueOf(pod.config().management().port()))
        .containsEntry("prometheus.io/path", METRICS_PATH);
  }

  @Test
  void deploymentLeavesPortsDataDirAndProfileToTheConfigMap() {
    Set<String> overrides = new TreeSet<>();
    ConfigLoader.OVERRIDES.forEach(
        (variable, setting) -> {
          if (!setting.equals("redis.url")) {
            overrides.add(variable);
          }
        });
    overrides.add("INTAKE_CONFIG");
    assertThat(k8s.env()).doesNotContainKeys(overrides.toArray(String[]::new));
  }

  @Test
  void serviceLinksAreOffSoNoServiceCanInjectAnIntakeOverride() {
    assertThat(k8s.podSpec().path("enableServiceLinks").isBoolean()).isTrue();
    assertThat(k8s.podSpec().path("enableServiceLinks").asBoolean()).isFalse();
  }

  @Test
  void containerHasCpuAndMemoryRequestsAndLimits() {
    JsonNode resources = k8s.container().path("resources");
    for (String bound : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        assertThat(resources.path(bound).path(resource).asText())
            .as(bound + "." + resource)
            .isNotBlank();
      }
    }
  }

  @Test
  void heapIsFixedAndLeavesHeadroomBelowTheMemoryLimit() {
    String options = pod.values().getOrDefault("JAVA_TOOL_OPTIONS", "");
    long xms = K8sManifests.jvmOptionBytes(options, "-Xms");
    long xmx = K8sManifests.jvmOptionBytes(options, "-Xmx");
    long direct = K8sManifests.jvmOptionBytes(options, "-XX:MaxDirectMemorySize=");
    long limit = K8sManifests.memoryBytes(k8s.container().at("/resources/limits/memory").asText());
    assertThat(xmx).isPositive().isEqualTo(xms);
    assertThat(xmx + direct).isLessThanOrEqualTo(limit * 3 / 4);
  }

  @Test
  void containerRunsAsNonRootOnAReadOnlyRootFilesystem() {
    JsonNode podContext = k8s.podSpec().path("securityContext");
    JsonNode context = k8s.container().path("securityContext");
    assertThat(
            podContext.path("runAsNonRoot").asBoolean() || context.path("runAsNonRoot").asBoolean())
        .isTrue();
    assertThat(context.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(toList(context.at("/capabilities/drop")))
        .extracting(JsonNode::asText)
        .contains("ALL");
    assertThat(k8s.podSpec().path("automountServiceAccountToken").asBoolean(true)).isFalse();
  }

  @Test
  void dataDirOfTheConfigIsAWritableEmptyDirVolume() {
    assertWritableEmptyDir(Path.of(pod.config().dataDir()).normalize().toString());
  }

  @Test
  void tmpIsAWritableEmptyDirVolumeForTheJvmAndNetty() {
    assertWritableEmptyDir("/tmp");
  }

  @Test
  void theGatewayWaitsTheEndpointPropagationItselfAndThePodGetsTimeForDrainPlusGrace() {
    long preStop = preStopSleepSeconds();
    long drain = pod.config().http().drainDelay().toSeconds();
    long grace = k8s.podSpec().path("terminationGracePeriodSeconds").asLong();
    // the drain delay replaces a preStop sleep (readiness 503 meanwhile); both would add up
    assertThat(drain).isBetween(1L, 15L);
    assertThat(preStop).isZero();
    assertThat(grace)
        .isGreaterThanOrEqualTo(drain + pod.config().http().shutdownGrace().toSeconds() + 10);
  }

  private static Map<String, String> podLabels() {
    return strings(k8s.podTemplate().path("metadata").path("labels"));
  }

  private static void assertProbe(String probe, String path) {
    JsonNode httpGet = k8s.container().path(probe).path("httpGet");
    assertThat(httpGet.path("path").asText()).as(probe).isEqualTo(path);
    assertThat(k8s.containerPort(httpGet.path("port")))
        .as(probe)
        .isEqualTo(pod.config().management().port());
  }

  private static void assertWritableEmptyDir(String mountPath) {
    JsonNode mount = k8s.mountsByPath().get(mountPath);
    assertThat(mount).as("volume mount at " + mountPath).isNotNull();
    assertThat(mount.path("readOnly").asBoolean(false)).isFalse();
    assertThat(k8s.volume(mount.path("name").asText()).has("emptyDir")).isTrue();
  }

  /** {@code preStop.sleep.seconds}, or N of an {@code exec} of {@code sleep N}; 0 when neither. */
  private static long preStopSleepSeconds() {
    JsonNode preStop = k8s.container().path("lifecycle").path("preStop");
    if (preStop.has("sleep")) {
      return preStop.path("sleep").path("seconds").asLong();
    }
    List<String> command =
        toList(preStop.at("/exec/command")).stream().map(JsonNode::asText).toList();
    int at = command.indexOf("sleep");
    return at >= 0 && at + 1 < command.size() ? Long.parseLong(command.get(at + 1)) : 0;
  }
}
