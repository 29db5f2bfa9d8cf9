package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a submission against the {@code Submission} schema of the app's OpenAPI document
 * ({@code openapi/app.yaml}, OpenAPI 3.1, whose schemas are JSON Schema 2020-12): the document the
 * gateway serves is the one it checks requests with.
 */
final class SubmissionSchema {

  static final String DOCUMENT = "openapi/app.yaml";
  private static final int SHOWN = 3;

  /**
   * OpenAPI 3.1's dialect (2020-12 plus discriminator, example, …); the document's own top-level
   * fields (openapi, info, paths) are not schema keywords and are ignored quietly.
   */
  private static final JsonMetaSchema DIALECT =
      JsonMetaSchema.builder(OpenApi31.getInstance())
          .unknownKeywordFactory((name, context) -> new NonValidationKeyword(name))
          .build();

  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              b -> b.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()))
          .getSchema(
              SchemaLocation.of("classpath:" + DOCUMENT + "#/components/schemas/Submission"),
              SchemaValidatorsConfig.builder().failFast(false).build());

  private SubmissionSchema() {}

  /**
   * @throws ChannelException {@code invalid_submission} listing the first problems (paths and
   *     rules, never the submitted values)
   */
  static void check(JsonNode body) {
    Set<ValidationMessage> problems = SCHEMA.validate(body);
    if (!problems.isEmpty()) {
      String shown =
          problems.stream()
              .map(SubmissionSchema::describe)
              .sorted(Comparator.naturalOrder())
              .limit(SHOWN)
              .collect(Collectors.joining("; "));
      throw new ChannelException(
          ErrorCode.INVALID_SUBMISSION,
          "The submission does not match the OpenAPI schema: " + shown + ".");
    }
  }

  private static String describe(ValidationMessage m) {
    String message = m.getMessage();
    return message.startsWith(": ") ? message.substring(2) : message;
  }
}
