package cn.gov12345.intake.config;

import java.util.List;
import java.util.Set;

/**
 * The whole configuration, bound once at start-up from YAML (see {@link ConfigLoader}) and passed
 * by constructor to whatever needs a part of it.
 */
public record GatewayConfig(
    Profile profile,
    HttpConfig http,
    ManagementConfig management,
    String dataDir,
    RedisConfig redis,
    StreamConfig stream,
    IdentityConfig identity,
    ChannelsConfig channels,
    DeliveryConfig delivery,
    PullConfig pull,
    MediaConfig media,
    StatusConfig status,
    LookupConfig lookup,
    OutboundConfig outbound,
    RepliesConfig replies,
    SignalsConfig signals) {

  public GatewayConfig {
    media =
        media == null
            ? new MediaConfig(null, null, null, 0, 0, null, null, null, null, null, 0, null)
            : media;
    outbound = outbound == null ? OutboundConfig.defaults() : outbound;
    replies = replies == null ? RepliesConfig.disabled() : replies;
    signals = signals == null ? SignalsConfig.disabled() : signals;
  }

  /** Every problem found, empty when the configuration can be used. */
  public List<String> problems() {
    Problems p = new Problems();
    p.require(profile != null, "profile", "must be development or production");
    boolean production = profile == Profile.PRODUCTION;
    section(p, http, "http", () -> http.validate(p));
    section(p, management, "management", () -> management.validate(p));
    p.require(dataDir != null && !dataDir.isBlank(), "dataDir", "must not be empty");
    section(p, redis, "redis", () -> redis.validate(p));
    section(p, stream, "stream", () -> stream.validate(p));
    section(p, identity, "identity", () -> identity.validate(p, production));
    section(p, channels, "channels", () -> channels.validate(p, production));
    section(p, delivery, "delivery", () -> delivery.validate(p, production));
    section(p, pull, "pull", () -> pull.validate(p, production));
    media.validate(p);
    section(p, status, "status", () -> status.validate(p));
    section(p, lookup, "lookup", () -> lookup.validate(p));
    outbound.validate(p);
    signals.validate(p);
    replies.validate(
        p, production, channels == null ? Set.of() : channels.wechat().accounts().keySet());
    if (replies.enabled() && delivery != null) {
      p.require(
          !delivery.destinations().containsKey(RepliesConfig.DESTINATION),
          "delivery.destinations.replies",
          "is the name of the built-in reply worker while replies are enabled; rename it");
    }
    if (production && redis != null && redis.isEmbedded()) {
      p.add(
          "redis.url", "production needs an external Redis (the embedded one is for development)");
    }
    if (http != null && management != null && http.port() != 0) {
      p.require(http.port() != management.port(), "management.port", "must differ from http.port");
    }
    return p.messages();
  }

  private static void section(Problems p, Object value, String path, Runnable validate) {
    if (value == null) {
      p.add(path, "is required");
    } else {
      validate.run();
    }
  }
}
