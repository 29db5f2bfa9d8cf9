package cn.gov12345.intake.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deep-merges two YAML files for test configurations. */
public final class Yaml {

  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  public static Path merge(Path base, Path overlay) throws IOException {
    ObjectNode merged = (ObjectNode) MAPPER.readTree(base.toFile());
    deepMerge(merged, (ObjectNode) MAPPER.readTree(overlay.toFile()));
    Path out = Files.createTempFile("gateway-test-merged", ".yaml");
    MAPPER.writeValue(out.toFile(), merged);
    return out;
  }

  private static void deepMerge(ObjectNode base, ObjectNode overlay) {
    overlay
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode current = base.get(e.getKey());
              if (current instanceof ObjectNode c && e.getValue() instanceof ObjectNode o) {
                deepMerge(c, o);
              } else {
                base.set(e.getKey(), e.getValue());
              }
            });
  }
}
