package cn.gov12345.intake;

import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.channel.sms.SmsChannel;
import cn.gov12345.intake.channel.telephony.TelephonyChannel;
import cn.gov12345.intake.channel.web.WebChannel;
import cn.gov12345.intake.channel.webhook.WebhookChannel;
import cn.gov12345.intake.channel.wechat.WechatChannel;
import cn.gov12345.intake.config.Durability;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.IdentityConfig;
import cn.gov12345.intake.config.RepliesConfig;
import cn.gov12345.intake.delivery.Deliveries;
import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.metrics.DeliveryMetrics;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.redis.RedisEndpoint;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.stream.TrackingFence;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The immutable, thread-safe parts every verticle shares, built once from the configuration.
 * Per-event-loop parts (the Redis connection, the store, the router) are built by each verticle.
 */
public record Services(
    GatewayConfig config,
    RedisEndpoint redis,
    Clock clock,
    IntakeMetrics metrics,
    StreamKeys keys,
    Pseudonymizer pseudonymizer,
    ContactSealer sealer,
    EventFactory events,
    Ids ids,
    WebhookChannel webhook,
    Deliveries deliveries,
    WechatChannel wechat,
    QueryCodes queryCodes,
    AppChannel app,
    TelephonyChannel telephony,
    WebChannel web,
    Open311Channel open311,
    SmsChannel sms,
    TrackingFence fence) {

  public static Services create(
      GatewayConfig config, RedisEndpoint redis, Clock clock, IntakeMetrics metrics) {
    IdentityConfig identity = config.identity();
    Map<String, byte[]> contactKeys =
        identity.contactKeys().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> IdentityConfig.decode(e.getValue())));
    PhoneNumbers phones = new PhoneNumbers(identity.defaultRegion());
    StreamKeys keys = new StreamKeys(config.stream().keyPrefix(), config.stream().partitions());
    return new Services(
        config,
        redis,
        clock,
        metrics,
        keys,
        new Pseudonymizer(identity.pseudonymKey().utf8()),
        new ContactSealer(identity.contactKeyId(), contactKeys),
        new EventFactory(),
        new Ids(clock),
        new WebhookChannel(config.channels().webhook(), phones, clock),
        new Deliveries(
            config.delivery(),
            config.replies().enabled()
                ? Map.of(RepliesConfig.DESTINATION, config.replies().destination())
                : Map.of(),
            new DeliveryMetrics(metrics.registry()),
            clock),
        new WechatChannel(config.channels().wechat(), clock),
        new QueryCodes(identity.pseudonymKey().utf8()),
        new AppChannel(config.channels().app(), phones, clock),
        new TelephonyChannel(config.channels().telephony(), phones, clock),
        new WebChannel(config.channels().web(), phones, clock, config.http().publicBaseUrl()),
        new Open311Channel(config.channels().open311(), phones, clock),
        new SmsChannel(config.channels().sms(), phones, clock),
        // fsync loses no answered write, so no issued number; everysec may lose the last second,
        // and replicated too when a master restarts with its AOF tail lost and its replicas resync
        config.redis().durability() == Durability.FSYNC
            ? TrackingFence.off(keys)
            : redis != null && redis.isCluster()
                ? TrackingFence.perShard(keys, config.stream().trackingFence(), clock)
                : new TrackingFence(keys, config.stream().trackingFence(), clock));
  }
}
