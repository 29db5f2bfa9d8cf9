package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.Secret;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-config FILE}: loads the defaults with the operator file over them, validates them as
 * {@code serve} would and prints the effective configuration as YAML, every secret redacted.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Validate a config file and print the effective config (secrets redacted).")
final class CheckConfigCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the operator YAML file to check")
  Path file;

  @Spec CommandSpec spec;

  private final CliContext context;

  CheckConfigCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (!Files.isReadable(file)) {
      spec.commandLine().getErr().println("cannot read " + file);
      return IntakeCli.USAGE;
    }
    GatewayConfig config = context.loader().apply(file);
    spec.commandLine().getOut().print(yaml(config));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The configuration as YAML, secrets written as {@code <redacted>} (or {@code <empty>}). */
  static String yaml(GatewayConfig config) throws JsonProcessingException {
    SimpleModule redacting = new SimpleModule();
    redacting.addSerializer(Secret.class, new Redacted());
    redacting.addSerializer(Duration.class, ToStringSerializer.instance);
    return new ObjectMapper(new YAMLFactory())
        .registerModule(redacting)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        // the record components alone (helpers like isEmbedded() are no settings)
        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .writeValueAsString(config);
  }

  private static final class Redacted extends JsonSerializer<Secret> {
    @Override
    public void serialize(Secret value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
  }
}
