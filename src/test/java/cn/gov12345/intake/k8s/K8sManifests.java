package cn.gov12345.intake.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every file of the kustomize base in {@code k8s/base/}, parsed: YAML files as lists of documents
 * (multi-document files allowed), plus lookups the manifest tests share (the one Deployment, its
 * container, named ports, environment, labels).
 */
final class K8sManifests {

  /** The kustomize base, relative to the module directory (Maven's working directory). */
  static final Path DIR = Path.of("k8s/base");

  static final String KUSTOMIZATION = "kustomization.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path dir;
  private final Set<String> files;
  private final Map<String, List<JsonNode>> documents;

  private K8sManifests(Path dir, Set<String> files, Map<String, List<JsonNode>> documents) {
    this.dir = dir;
    this.files = files;
    this.documents = documents;
  }

  /** Reads every regular file of {@code dir}; fails on the first YAML file that does not parse. */
  static K8sManifests load(Path dir) {
    Set<String> files = new TreeSet<>();
    Map<String, List<JsonNode>> documents = new TreeMap<>();
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path file : listing.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        files.add(name);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          documents.put(name, readDocuments(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new K8sManifests(dir, files, documents);
  }

  private static List<JsonNode> readDocuments(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    for (JsonNode doc :
        YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
      if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
        docs.add(doc);
      }
    }
    return docs;
  }

  /** Every file name in the directory. */
  Set<String> files() {
    return files;
  }

  /** Every YAML file name with its documents. */
  Map<String, List<JsonNode>> yamlDocuments() {
    return documents;
  }

  Path path(String file) {
    return dir.resolve(file);
  }

  String text(String file) {
    try {
      return Files.readString(path(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode kustomization() {
    return single(documents.get(KUSTOMIZATION), KUSTOMIZATION);
  }

  /** The YAML files, other than the kustomization, whose every document is a Kubernetes object. */
  Set<String> manifestFiles() {
    return documents.entrySet().stream()
        .filter(e -> !e.getKey().equals(KUSTOMIZATION))
        .filter(e -> !e.getValue().isEmpty())
        .filter(e -> e.getValue().stream().allMatch(K8sManifests::isObject))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every Kubernetes object in the manifest files. */
  List<JsonNode> objects() {
    return manifestFiles().stream().flatMap(f -> documents.get(f).stream()).toList();
  }

  /** The one object of this kind; fails when there is none or more than one. */
  JsonNode only(String kind) {
    return single(
        objects().stream().filter(o -> o.path("kind").asText().equals(kind)).toList(), kind);
  }

  /** The file listed first in the configMapGenerator: the gateway's operator config. */
  String configFileName() {
    return kustomization().path("configMapGenerator").path(0).path("files").path(0).asText();
  }

  Path configFile() {
    return path(configFileName());
  }

  /** The parsed config file. */
  JsonNode configDocument() {
    return single(documents.get(configFileName()), configFileName());
  }

  JsonNode podTemplate() {
    return only("Deployment").path("spec").path("template");
  }

  JsonNode podSpec() {
    return podTemplate().path("spec");
  }

  JsonNode container() {
    return single(List.copyOf(toList(podSpec().path("containers"))), "container");
  }

  /** A container port by number or by name. */
  int containerPort(JsonNode ref) {
    if (ref.isInt()) {
      return ref.asInt();
    }
    return toList(container().path("ports")).stream()
        .filter(p -> p.path("name").asText().equals(ref.asText()))
        .map(p -> p.path("containerPort").asInt())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + ref.asText()));
  }

  /** The container's environment entries by name. */
  Map<String, JsonNode> env() {
    Map<String, JsonNode> env = new LinkedHashMap<>();
    toList(container().path("env")).forEach(e -> env.put(e.path("name").asText(), e));
    return env;
  }

  /** The container's volume mounts by mount path. */
  Map<String, JsonNode> mountsByPath() {
    Map<String, JsonNode> mounts = new LinkedHashMap<>();
    toList(container().path("volumeMounts"))
        .forEach(m -> mounts.put(m.path("mountPath").asText(), m));
    return mounts;
  }

  /** The pod's volume with this name, or a missing node. */
  JsonNode volume(String name) {
    return toList(podSpec().path("volumes")).stream()
        .filter(v -> v.path("name").asText().equals(name))
        .findFirst()
        .orElse(YAML.missingNode());
  }

  /** A Kubernetes memory quantity ({@code 1Gi}, {@code 512Mi}, {@code 1G}, bytes) in bytes. */
  static long memoryBytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)([KMGT]i?)?").matcher(quantity.trim());
    if (!m.matches()) {
      throw new AssertionError("not a memory quantity: " + quantity);
    }
    String unit = m.group(2) == null ? "" : m.group(2);
    long base = unit.endsWith("i") ? 1024 : 1000;
    int power = unit.isEmpty() ? 0 : "KMGT".indexOf(unit.charAt(0)) + 1;
    return Long.parseLong(m.group(1)) * (long) Math.pow(base, power);
  }

  /**
   * The size a JVM option such as {@code -Xmx512m} or {@code -XX:MaxDirectMemorySize=192m} sets, in
   * bytes; 0 when the option is absent.
   */
  static long jvmOptionBytes(String options, String option) {
    Matcher m =
        Pattern.compile("(?:^|\\s)" + Pattern.quote(option) + "(\\d+)([kKmMgG]?)(?=\\s|$)")
            .matcher(options);
    if (!m.find()) {
      return 0;
    }
    int power =
        m.group(2).isEmpty() ? 0 : "kmg".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
    return Long.parseLong(m.group(1)) * (1L << (10 * power));
  }

  static Map<String, String> strings(JsonNode mapping) {
    Map<String, String> map = new TreeMap<>();
    mapping.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  /** Every text scalar in a document, in document order. */
  static List<String> textValues(JsonNode node) {
    List<String> values = new ArrayList<>();
    collectText(node, values);
    return values;
  }

  private static void collectText(JsonNode node, List<String> values) {
    if (node.isTextual()) {
      values.add(node.asText());
    }
    node.forEach(child -> collectText(child, values));
  }

  private static boolean isObject(JsonNode doc) {
    return doc.hasNonNull("apiVersion") && doc.hasNonNull("kind");
  }

  private static JsonNode single(List<JsonNode> nodes, String what) {
    if (nodes == null || nodes.size() != 1) {
      throw new AssertionError("expected exactly one " + what + ", found " + nodes);
    }
    return nodes.get(0);
  }
}
