package cn.gov12345.intake.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the configuration once: the bundled defaults ({@code config/gateway.yaml}), overlaid by the
 * file named with {@code --config} or {@code INTAKE_CONFIG}, then {@code ${ENV:default}}
 * placeholders, then the {@code INTAKE_*} overrides. Binding is strict (an unknown key is an error)
 * and every problem is reported at once as a {@link ConfigException}.
 */
public final class ConfigLoader {

  /** Environment variables that override one setting each. */
  public static final Map<String, String> OVERRIDES =
      Map.of(
          "INTAKE_HTTP_PORT", "http.port",
          "INTAKE_MANAGEMENT_PORT", "management.port",
          "INTAKE_REDIS_URL", "redis.url",
          "INTAKE_DATA_DIR", "dataDir",
          "INTAKE_PROFILE", "profile");

  private static final String DEFAULTS = "/gateway.yaml";
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final UnaryOperator<String> env;

  /**
   * @param env reads an environment variable (null when unset); tests pass a map
   */
  public ConfigLoader(UnaryOperator<String> env) {
    this.env = env;
  }

  /** Loads from the process environment. */
  public static GatewayConfig fromEnvironment(Path file) {
    return new ConfigLoader(System::getenv).load(file);
  }

  /**
   * Loads and validates.
   *
   * @param file the operator's file, or null for the defaults alone
   * @throws ConfigException listing every problem when the result cannot be used
   */
  public GatewayConfig load(Path file) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> problems = new ArrayList<>();
    JsonNode tree = readDefaults(yaml);
    if (file != null) {
      try {
        JsonNode overlay = yaml.readTree(Files.readAllBytes(file));
        if (overlay != null && !overlay.isMissingNode() && !overlay.isNull()) {
          if (!overlay.isObject()) {
            throw new ConfigException(List.of(file + ": the top level must be a mapping"));
          }
          merge((ObjectNode) tree, (ObjectNode) overlay);
        }
      } catch (IOException e) {
        throw new ConfigException(List.of(file + ": " + firstLine(e.getMessage())));
      }
    }
    substitute(tree, "", problems);
    OVERRIDES.forEach(
        (name, path) -> {
          String value = env.apply(name);
          if (value != null && !value.isBlank()) {
            set((ObjectNode) tree, path, value);
          }
        });
    GatewayConfig config = bind(tree, problems);
    if (config != null) {
      problems.addAll(config.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static JsonNode readDefaults(ObjectMapper yaml) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("gateway.yaml is missing from the class path");
      }
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("bundled gateway.yaml is unreadable", e);
    }
  }

  private GatewayConfig bind(JsonNode tree, List<String> problems) {
    ObjectMapper mapper = new ObjectMapper();
    SimpleModule module = new SimpleModule();
    module.addDeserializer(Duration.class, new Durations());
    mapper.registerModule(module);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.addHandler(
        new DeserializationProblemHandler() {
          @Override
          public boolean handleUnknownProperty(
              DeserializationContext ctxt,
              JsonParser p,
              JsonDeserializer<?> deserializer,
              Object beanOrClass,
              String propertyName)
              throws IOException {
            problems.add(pathOf(p) + propertyName + ": unknown key");
            p.skipChildren();
            return true;
          }
        });
    try {
      return mapper.treeToValue(tree, GatewayConfig.class);
    } catch (JsonMappingException e) {
      String at =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> a + "." + b)
              .orElse("(root)");
      problems.add(at + ": " + firstLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add("(root): " + firstLine(e.getMessage()));
      return null;
    }
  }

  private static String pathOf(JsonParser p) {
    StringBuilder sb = new StringBuilder();
    List<String> parts = new ArrayList<>();
    for (var ctx = p.getParsingContext().getParent(); ctx != null; ctx = ctx.getParent()) {
      if (ctx.getCurrentName() != null) {
        parts.add(0, ctx.getCurrentName());
      }
    }
    parts.forEach(s -> sb.append(s).append('.'));
    return sb.toString();
  }

  private void substitute(JsonNode node, String path, List<String> problems) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isTextual()) {
          field.setValue(new TextNode(expand(field.getValue().asText(), at, problems)));
        } else {
          substitute(field.getValue(), at, problems);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String at = path + "[" + i + "]";
        if (item.isTextual()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node)
              .set(i, new TextNode(expand(item.asText(), at, problems)));
        } else {
          substitute(item, at, problems);
        }
      }
    }
  }

  private String expand(String value, String path, List<String> problems) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = env.apply(m.group(1));
      if (replacement == null) {
        replacement = m.group(2);
      }
      if (replacement == null) {
        problems.add(path + ": environment variable " + m.group(1) + " is not set");
        replacement = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void merge(ObjectNode base, ObjectNode overlay) {
    overlay
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode current = base.get(e.getKey());
              if (current instanceof ObjectNode currentObject
                  && e.getValue() instanceof ObjectNode overlayObject
                  && !isMapOfEntries(e.getKey())) {
                merge(currentObject, overlayObject);
              } else {
                base.set(e.getKey(), e.getValue());
              }
            });
  }

  /** Maps whose entries the operator replaces as a whole rather than merging into defaults. */
  private static boolean isMapOfEntries(String key) {
    return key.equals("sources")
        || key.equals("contactKeys")
        || key.equals("destinations")
        || key.equals("accounts")
        || key.equals("consumers")
        || key.equals("twilio")
        || key.equals("cti")
        || key.equals("zammad");
  }

  private static void set(ObjectNode root, String dottedPath, String value) {
    String[] parts = dottedPath.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.withObjectProperty(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
