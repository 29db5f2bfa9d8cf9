package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inbound SMS channel ({@code /channels/sms/aliyun/{name}/{pathToken}}, {@code
 * /channels/sms/http/{name}}).
 *
 * @param maxBodyBytes larger bodies are refused with 413 before they are read
 * @param maxBatch messages one push may hold at most (413 {@code too_many_messages} beyond)
 * @param tolerance http: how far {@code webhook-timestamp} may be from now, either way
 * @param conversationWindow texts of one citizen with no more than this between them join one
 *     ticket
 * @param integrations sources of inbound SMS by name (the path segment)
 */
public record SmsChannelConfig(
    int maxBodyBytes,
    int maxBatch,
    Duration tolerance,
    Duration conversationWindow,
    Map<String, SmsIntegrationConfig> integrations) {

  private static final String PATH = "channels.sms";

  public SmsChannelConfig {
    maxBodyBytes = maxBodyBytes == 0 ? 262144 : maxBodyBytes;
    maxBatch = maxBatch == 0 ? 100 : maxBatch;
    tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    conversationWindow = conversationWindow == null ? Duration.ofMinutes(30) : conversationWindow;
    integrations = integrations == null ? Map.of() : Map.copyOf(new TreeMap<>(integrations));
  }

  /** No integrations: the channel is mounted but every integration is unknown. */
  public static SmsChannelConfig none() {
    return new SmsChannelConfig(0, 0, null, null, null);
  }

  void validate(Problems p, boolean production) {
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        PATH + ".maxBodyBytes",
        "must be 1 KiB .. 1 MiB");
    p.require(maxBatch >= 1 && maxBatch <= 1000, PATH + ".maxBatch", "must be 1 .. 1000");
    RedisConfig.positive(p, tolerance, PATH + ".tolerance");
    p.require(
        conversationWindow.compareTo(Duration.ofSeconds(1)) >= 0
            && conversationWindow.compareTo(Duration.ofDays(1)) <= 0,
        PATH + ".conversationWindow",
        "must be 1s .. 1d");
    integrations.forEach(
        (name, integration) -> {
          String path = PATH + ".integrations." + name;
          p.require(
              name.matches("[a-z0-9][a-z0-9-]{0,62}"),
              path,
              "integration names are lower-case letters, digits and dashes");
          if (integration == null) {
            p.add(path, "is empty");
          } else {
            integration.validate(p, path, production);
          }
        });
  }
}
