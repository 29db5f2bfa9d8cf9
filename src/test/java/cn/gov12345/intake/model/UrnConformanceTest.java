package cn.gov12345.intake.model;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.http.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The URNs the gateway names things by are RFC 8141 URNs: the JSON Schemas' {@code $id} (ajv and
 * every JSON Schema library refuse an invalid one), the CloudEvents {@code dataschema} of every
 * expected event, and the problem {@code type} of every error. RFC 8141 §2: {@code NID = (alphanum)
 * 0*30(ldh) (alphanum)} — no dot (the old {@code urn:cn.gov12345:} was refused).
 */
class UrnConformanceTest {

  static final Pattern URN =
      Pattern.compile(
          "urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:"
              + "([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
              + "([A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theOldNamespaceWithADotIsNotAValidUrn() {
    assertThat(URN.matcher("urn:cn.gov12345:intake:schema:x").matches()).isFalse();
    assertThat(URN.matcher("urn:cn-gov12345:intake:schema:x").matches()).isTrue();
  }

  @Test
  void everySchemaIdIsAValidUrn() throws IOException {
    List<Path> schemas;
    try (Stream<Path> all = Files.list(Path.of("src/main/resources/schema"))) {
      schemas = all.filter(f -> f.toString().endsWith(".json")).toList();
    }
    assertThat(schemas).isNotEmpty();
    for (Path schema : schemas) {
      String id = JSON.readTree(schema.toFile()).path("$id").asText();
      assertThat(URN.matcher(id).matches()).as("%s $id %s", schema, id).isTrue();
    }
  }

  @Test
  void everyExpectedEventsDataschemaIsAValidUrn() throws IOException {
    int seen = 0;
    try (Stream<Path> all = Files.walk(Path.of("channels"))) {
      for (Path file : all.filter(f -> f.toString().endsWith(".json")).toList()) {
        if (!file.getParent().getFileName().toString().equals("expected")) {
          continue;
        }
        for (JsonNode schema : JSON.readTree(file.toFile()).findValues("dataschema")) {
          seen++;
          assertThat(URN.matcher(schema.asText()).matches()).as("%s", file).isTrue();
        }
      }
    }
    assertThat(seen).isPositive();
  }

  @Test
  void everyErrorTypeIsAValidUrn() throws IOException {
    for (ErrorCode code : ErrorCode.values()) {
      String type = JSON.readTree(Problem.body(code, "detail", "cid")).path("type").asText();
      assertThat(URN.matcher(type).matches()).as(type).isTrue();
    }
  }
}
