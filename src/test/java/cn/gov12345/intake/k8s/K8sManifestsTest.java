package cn.gov12345.intake.k8s;

import static cn.gov12345.intake.k8s.K8sManifests.strings;
import static cn.gov12345.intake.k8s.K8sManifests.textValues;
import static cn.gov12345.intake.k8s.K8sManifests.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.config.ConfigException;
import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.Profile;
import cn.gov12345.intake.config.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kustomize base in {@code k8s/base/} is complete and agrees with the code: every file parses,
 * the kustomization applies every manifest but the Secret template, the config file loads through
 * the real {@link ConfigLoader} in the production profile with every secret taken from the Secret,
 * and the Service, HPA and PDB point at the Deployment's pods. {@link K8sDeploymentTest} covers the
 * pod itself.
 */
class K8sManifestsTest {

  private static final String SECRET_TEMPLATE = "secret.template.yaml";
  private static final String CONFIG_MAP = "intake-gateway-config";
  private static final Map<String, String> APP_LABELS =
      Map.of("app.kubernetes.io/name", "intake-gateway", "app.kubernetes.io/component", "gateway");

  /** ConfigLoader's {@code ${NAME}} / {@code ${NAME:default}} syntax. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private static K8sManifests k8s;
  private static PodEnvironment pod;

  @BeforeAll
  static void readTheBase() {
    k8s = K8sManifests.load(K8sManifests.DIR);
    pod = PodEnvironment.of(k8s);
  }

  @Test
  void baseHoldsEveryPartTheIssueAsksFor() {
    assertThat(k8s.files())
        .contains(
            K8sManifests.KUSTOMIZATION,
            "deployment.yaml",
            "service.yaml",
            "hpa.yaml",
            "pdb.yaml",
            SECRET_TEMPLATE,
            "gateway.yaml",
            "README.md");
  }

  @Test
  void everyYamlFileIsAManifestTheKustomizationOrTheConfigFile() {
    Set<String> accounted = new TreeSet<>(k8s.manifestFiles());
    accounted.add(K8sManifests.KUSTOMIZATION);
    accounted.add(k8s.configFileName());
    assertThat(k8s.yamlDocuments().keySet()).isEqualTo(accounted);
  }

  @Test
  void kustomizationListsEveryManifestExceptTheSecretTemplate() {
    Set<String> expected = new TreeSet<>(k8s.manifestFiles());
    expected.remove(SECRET_TEMPLATE);
    assertThat(resources()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void kustomizationAppliesNoSecretAndNoHandWrittenConfigMap() {
    List<String> kinds =
        resources().stream()
            .flatMap(file -> k8s.yamlDocuments().getOrDefault(file, List.of()).stream())
            .map(o -> o.path("kind").asText())
            .toList();
    assertThat(resources()).doesNotContain(SECRET_TEMPLATE);
    assertThat(kinds).doesNotContain("Secret", "ConfigMap");
  }

  @Test
  void configMapIsGeneratedFromTheConfigFileInsideTheBase() {
    JsonNode generator = k8s.kustomization().path("configMapGenerator");
    assertThat(generator).hasSize(1);
    assertThat(generator.path(0).path("name").asText()).isEqualTo(CONFIG_MAP);
    assertThat(toList(generator.path(0).path("files"))).hasSize(1);
    assertThat(k8s.configFileName()).doesNotContain("/", "=").isIn(k8s.files());
    assertThat(k8s.volume("config").path("configMap").path("name").asText()).isEqualTo(CONFIG_MAP);
  }

  @Test
  void everyObjectCarriesTheAppLabels() {
    assertThat(k8s.objects())
        .allSatisfy(o -> assertThat(labels(o.path("metadata"))).containsAllEntriesOf(APP_LABELS));
    assertThat(labels(k8s.podTemplate().path("metadata"))).containsAllEntriesOf(APP_LABELS);
    JsonNode generated = k8s.kustomization().path("configMapGenerator").path(0);
    assertThat(labels(generated.path("options"))).containsAllEntriesOf(APP_LABELS);
  }

  @Test
  void configFileLoadsThroughTheRealConfigLoaderInTheProductionProfile() {
    GatewayConfig config = pod.config();
    assertThat(config.profile()).isEqualTo(Profile.PRODUCTION);
    assertThat(config.redis().isEmbedded()).isFalse();
    assertThat(config.channels().webhook().sources()).doesNotContainKey("demo");
  }

  @Test
  void everyPlaceholderWithoutDefaultIsSetFromTheSecret() {
    assertThat(requiredPlaceholders()).isNotEmpty();
    for (String name : requiredPlaceholders()) {
      assertThat(k8s.env()).containsKey(name);
      JsonNode ref = k8s.env().get(name).path("valueFrom").path("secretKeyRef");
      assertThat(ref.path("name").asText()).as(name).isEqualTo(secretName());
      assertThat(ref.path("key").asText()).as(name).isEqualTo(name);
      assertThat(ref.path("optional").asBoolean(false)).as(name + " optional").isFalse();
    }
  }

  @Test
  void secretTemplateDefinesEveryKeyTheDeploymentReads() {
    Set<String> keys = strings(secretTemplate().path("stringData")).keySet();
    assertThat(k8s.env().values())
        .filteredOn(e -> e.has("valueFrom"))
        .isNotEmpty()
        .extracting(e -> e.at("/valueFrom/secretKeyRef"))
        .allSatisfy(ref -> assertThat(ref.path("name").asText()).isEqualTo(secretName()))
        .allSatisfy(ref -> assertThat(ref.path("key").asText()).isIn(keys));
  }

  @Test
  void everySecretOfTheEffectiveConfigComesFromTheSecret() {
    List<String> secrets =
        secretsIn(pod.config()).map(Secret::reveal).filter(s -> !s.isBlank()).toList();
    assertThat(secrets).isNotEmpty().allSatisfy(s -> assertThat(s).isIn(pod.secretValues()));
  }

  @Test
  void configFileHoldsNoSecretValue() {
    List<String> values = textValues(k8s.configDocument());
    assertThat(values).noneMatch(v -> v.startsWith("whsec_"));
    assertThat(values).noneMatch(v -> v.matches("(?s)rediss?://.*@.*"));
  }

  @Test
  void secretTemplatePlaceholdersAreRefusedByProductionValidation() {
    Map<String, String> template = strings(secretTemplate().path("stringData"));
    assertThat(template.values()).isNotEmpty().allMatch(v -> v.contains("CHANGE-ME"));
    Map<String, String> env = new HashMap<>(pod.values());
    env.putAll(template);
    assertThatThrownBy(() -> new ConfigLoader(env::get).load(k8s.configFile()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(placeholderAt("identity.pseudonymKey"))
                    .anyMatch(placeholderAt("identity.contactKeys."))
                    .anyMatch(placeholderAt("channels.webhook.sources.")));
  }

  @Test
  void serviceSelectsThePodsAndTargetsOnlyTheHttpPort() {
    JsonNode service = k8s.only("Service");
    List<Integer> targets =
        toList(service.path("spec").path("ports")).stream()
            .map(p -> k8s.containerPort(p.path("targetPort")))
            .toList();
    assertThat(targets).containsExactly(pod.config().http().port());
    assertThat(labels(k8s.podTemplate().path("metadata")))
        .containsAllEntriesOf(strings(service.path("spec").path("selector")));
  }

  @Test
  void hpaScalesTheDeploymentAndNeverBelowTwoReplicas() {
    JsonNode hpa = k8s.only("HorizontalPodAutoscaler");
    JsonNode target = hpa.path("spec").path("scaleTargetRef");
    assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
    assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(target.path("kind").asText()).isEqualTo("Deployment");
    assertThat(target.path("name").asText())
        .isEqualTo(k8s.only("Deployment").path("metadata").path("name").asText());
    assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.path("spec").path("maxReplicas").asInt())
        .isGreaterThan(hpa.path("spec").path("minReplicas").asInt());
  }

  @Test
  void pdbSelectsThePodsAndStillAllowsAnEviction() {
    JsonNode pdb = k8s.only("PodDisruptionBudget");
    Map<String, String> selector = strings(pdb.path("spec").path("selector").path("matchLabels"));
    assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
    assertThat(selector).isNotEmpty();
    assertThat(labels(k8s.podTemplate().path("metadata"))).containsAllEntriesOf(selector);
    assertThat(pdb.path("spec").path("minAvailable").asInt())
        .isPositive()
        .isLessThan(k8s.only("Deployment").path("spec").path("replicas").asInt());
  }

  @Test
  void readmeStatesTheRedisTheGatewayNeeds() {
    assertThat(k8s.text("README.md"))
        .contains("kubectl apply -k k8s/", "appendonly yes", "appendfsync everysec", "noeviction");
  }

  private static JsonNode secretTemplate() {
    return k8s.yamlDocuments().get(SECRET_TEMPLATE).get(0);
  }

  private static String secretName() {
    return secretTemplate().path("metadata").path("name").asText();
  }

  private static Map<String, String> labels(JsonNode parent) {
    return strings(parent.path("labels"));
  }

  private static List<String> resources() {
    return toList(k8s.kustomization().path("resources")).stream().map(JsonNode::asText).toList();
  }

  private static Predicate<String> placeholderAt(String path) {
    return problem -> problem.startsWith(path) && problem.contains("placeholder");
  }

  /** Environment variables the config file reads through {@code ${NAME}} without a default. */
  private static Set<String> requiredPlaceholders() {
    Set<String> names = new TreeSet<>();
    for (String value : textValues(k8s.configDocument())) {
      Matcher m = PLACEHOLDER.matcher(value);
      while (m.find()) {
        if (m.group(2) == null) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /** Every {@link Secret} in a config record tree (records, collections and maps of them). */
  private static Stream<Secret> secretsIn(Object value) {
    if (value instanceof Secret secret) {
      return Stream.of(secret);
    }
    if (value instanceof Record record) {
      return Arrays.stream(record.getClass().getRecordComponents())
          .flatMap(c -> secretsIn(component(record, c)));
    }
    if (value instanceof Collection<?> items) {
      return items.stream().flatMap(K8sManifestsTest::secretsIn);
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().flatMap(K8sManifestsTest::secretsIn);
    }
    return Stream.empty();
  }

  private static Object component(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
