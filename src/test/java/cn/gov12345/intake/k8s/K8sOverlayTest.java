package cn.gov12345.intake.k8s;

import static cn.gov12345.intake.k8s.K8sManifests.toList;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.Profile;
import cn.gov12345.intake.support.Kubectl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The production overlay ({@code k8s/overlays/production}) keeps what must survive a pod: media on
 * S3, incomplete tus uploads on a ReadWriteMany volume every replica mounts, nothing durable in an
 * emptyDir; it names the image; and {@code kubectl kustomize} builds the base and the overlay
 * (kubectl required when {@code INTAKE_K8S_TESTS=required}, otherwise skipped without it).
 */
class K8sOverlayTest {

  static final Path BASE = K8sManifests.DIR;
  static final Path PRODUCTION = Path.of("k8s/overlays/production");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void kubectlKustomizeBuildsTheBaseAndTheProductionOverlay() throws Exception {
    assertThat(kinds(kustomize(BASE)))
        .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget");
    assertThat(kinds(kustomize(PRODUCTION))).contains("Deployment", "PersistentVolumeClaim");
  }

  @Test
  void theProductionOverlayNamesARealImageWithAFixedTag() throws Exception {
    String image = deployment(kustomize(PRODUCTION)).path("image").asText();

    assertThat(image).doesNotContain("example.invalid").endsWith("/intake-gateway:0.1.0");
    assertThat(image).doesNotEndWith(":latest");
  }

  @Test
  void productionMediaAreOnS3AndIncompleteUploadsOnAVolumeEveryReplicaShares() throws Exception {
    List<JsonNode> docs = kustomize(PRODUCTION);
    GatewayConfig config = renderedConfig(docs);
    JsonNode pod = pod(docs);

    assertThat(config.profile()).isEqualTo(Profile.PRODUCTION);
    assertThat(config.media().usesS3()).isTrue();
    assertThat(config.media().s3().bucket()).isNotBlank();
    JsonNode staging = volumeMountedAt(pod, config.media().stagingDir());
    String claim = staging.path("persistentVolumeClaim").path("claimName").asText();
    JsonNode pvc = named(docs, "PersistentVolumeClaim", claim);
    assertThat(strings(pvc.path("spec").path("accessModes"))).contains("ReadWriteMany");
  }

  @Test
  void nothingThatMustSurviveAPodIsInAnEmptyDir() throws Exception {
    List<JsonNode> docs = kustomize(PRODUCTION);
    GatewayConfig config = renderedConfig(docs);
    JsonNode data = volumeMountedAt(pod(docs), config.dataDir());

    assertThat(data.has("emptyDir")).as("dataDir is scratch only").isTrue();
    assertThat(config.media().usesS3()).as("no media under dataDir/media").isTrue();
    assertThat(Path.of(config.media().stagingDir()).startsWith(Path.of(config.dataDir())))
        .as("staging not under dataDir")
        .isFalse();
    assertThat(config.redis().isEmbedded()).as("no embedded Redis AOF under dataDir").isFalse();
  }

  @Test
  void theProductionConfigIsTheBasesPlusMediaOnly() throws Exception {
    ObjectNode base = (ObjectNode) YAML.readTree(BASE.resolve("gateway.yaml").toFile());
    ObjectNode production = (ObjectNode) YAML.readTree(PRODUCTION.resolve("gateway.yaml").toFile());

    assertThat(production.has("media")).isTrue();
    production.remove("media");
    base.remove("media");
    assertThat(production).isEqualTo(base);
  }

  private static GatewayConfig renderedConfig(List<JsonNode> docs) throws Exception {
    JsonNode configMap = docs.stream().filter(d -> kind(d).equals("ConfigMap")).findFirst().get();
    Path file = Files.createTempFile("production-gateway", ".yaml");
    Files.writeString(
        file, configMap.path("data").path("gateway.yaml").asText(), StandardCharsets.UTF_8);
    Map<String, String> env = PodEnvironment.of(K8sManifests.load(BASE)).values();
    return new ConfigLoader(env::get).load(file);
  }

  private static JsonNode pod(List<JsonNode> docs) {
    return docs.stream()
        .filter(d -> kind(d).equals("Deployment"))
        .findFirst()
        .get()
        .path("spec")
        .path("template")
        .path("spec");
  }

  private static JsonNode deployment(List<JsonNode> docs) {
    return toList(pod(docs).path("containers")).get(0);
  }

  /** The pod volume the container mounts at {@code path}. */
  private static JsonNode volumeMountedAt(JsonNode pod, String path) {
    String volume =
        toList(toList(pod.path("containers")).get(0).path("volumeMounts")).stream()
            .filter(m -> Path.of(m.path("mountPath").asText()).equals(Path.of(path)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + path))
            .path("name")
            .asText();
    return toList(pod.path("volumes")).stream()
        .filter(v -> v.path("name").asText().equals(volume))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode named(List<JsonNode> docs, String kind, String name) {
    return docs.stream()
        .filter(d -> kind(d).equals(kind) && d.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static List<String> kinds(List<JsonNode> docs) {
    return docs.stream().map(K8sOverlayTest::kind).toList();
  }

  private static String kind(JsonNode doc) {
    return doc.path("kind").asText();
  }

  private static List<String> strings(JsonNode array) {
    return toList(array).stream().map(JsonNode::asText).toList();
  }

  /** {@code kubectl kustomize DIR}, parsed; skips without kubectl unless CI requires it. */
  private static List<JsonNode> kustomize(Path dir) throws Exception {
    Process process =
        new ProcessBuilder(kubectl(), "kustomize", dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize " + dir).isZero();
    List<JsonNode> docs = new ArrayList<>();
    for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(out).readAll()) {
      if (doc != null && !doc.isNull()) {
        docs.add(doc);
      }
    }
    return docs;
  }

  private static String kubectl() {
    return Kubectl.path();
  }
}
