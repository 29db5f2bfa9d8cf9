package cn.gov12345.intake.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The shipped {@code logback.xml}: text lines by default, one JSON object per line with {@code
 * INTAKE_LOG_FORMAT=json}, the level from {@code INTAKE_LOG_LEVEL} (README "Logs").
 */
class LogbackConfigTest {

  static final Path CONFIG = Path.of("src/main/resources/logback.xml");

  @Test
  void byDefaultALineIsTextWithTimeLevelLoggerAndMessage() throws Exception {
    String out = logOnce(Map.of(), "[startup] public URL      http://localhost:{}/", 8080);

    assertThat(out)
        .matches(
            "(?s)\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}) INFO  .*gateway"
                + " \\[startup\\] public URL      http://localhost:8080/\\R");
  }

  @Test
  void withTheJsonFormatEachLineIsOneJsonObjectWithTheFormattedMessage() throws Exception {
    String out = logOnce(Map.of("INTAKE_LOG_FORMAT", "json"), "[delivery] {}: poll failed", "a");

    String[] lines = out.split("\n");
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines[0]);
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("loggerName").asText()).isEqualTo("test.gateway");
    assertThat(line.path("formattedMessage").asText()).isEqualTo("[delivery] a: poll failed");
    assertThat(line.path("timestamp").asLong()).isPositive();
    assertThat(line.has("arguments")).isFalse();
  }

  @Test
  void theLevelComesFromIntakeLogLevel() throws Exception {
    LoggerContext context = configure(Map.of("INTAKE_LOG_LEVEL", "WARN"));
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(configure(Map.of()).getLogger(Logger.ROOT_LOGGER_NAME).getLevel())
        .isEqualTo(Level.INFO);
  }

  private static LoggerContext configure(Map<String, String> properties) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(CONFIG.toFile());
    return context;
  }

  private static String logOnce(Map<String, String> properties, String format, Object arg)
      throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LoggerContext context = configure(properties);
      context.getLogger("test.gateway").info(format, arg);
      context.stop();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
