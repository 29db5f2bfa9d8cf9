package cn.gov12345.intake;

import cn.gov12345.intake.channel.app.io.AppAuthenticators;
import cn.gov12345.intake.channel.app.io.AppModule;
import cn.gov12345.intake.channel.app.io.AppSubmissions;
import cn.gov12345.intake.channel.app.io.RedisIdempotencyStore;
import cn.gov12345.intake.channel.open311.io.Open311Module;
import cn.gov12345.intake.channel.sms.io.SmsModule;
import cn.gov12345.intake.channel.telephony.io.CallSteps;
import cn.gov12345.intake.channel.telephony.io.RedisCallStore;
import cn.gov12345.intake.channel.telephony.io.TelephonyKeys;
import cn.gov12345.intake.channel.telephony.io.TelephonyModule;
import cn.gov12345.intake.channel.web.io.SubmissionGuard;
import cn.gov12345.intake.channel.web.io.WebModule;
import cn.gov12345.intake.channel.webhook.io.WebhookModule;
import cn.gov12345.intake.channel.wechat.io.WechatMediaScheduler;
import cn.gov12345.intake.channel.wechat.io.WechatModule;
import cn.gov12345.intake.http.ChannelDoor;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.media.DiskReserve;
import cn.gov12345.intake.media.MediaStores;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.metrics.UploadMetrics;
import cn.gov12345.intake.pipeline.ConversationPipeline;
import cn.gov12345.intake.ratelimit.RedisRateLimiter;
import cn.gov12345.intake.status.RedisStatusStore;
import cn.gov12345.intake.stream.RedisConversationStore;
import cn.gov12345.intake.upload.UploadComponents;
import java.nio.file.Path;
import java.util.List;

/**
 * Every channel the one door mounts, one line each, built once at start-up. Two endpoints claiming
 * one method and path refuse to start (see {@link ChannelDoor#routes}).
 */
final class ChannelRegistry {

  private ChannelRegistry() {}

  static List<ChannelModule> modules(Services services) {
    List<ChannelModule> modules =
        List.of(
            new WebhookModule(services.webhook(), services.queryCodes()),
            new WechatModule(
                services.wechat(), services.queryCodes(), loop -> conversations(services, loop)),
            telephony(services),
            app(services),
            web(services),
            new Open311Module(
                services.open311(),
                services.queryCodes(),
                loop ->
                    new RedisStatusStore(
                        services.keys(),
                        services.config().status().retention(),
                        services.config().stream().dedupTtl(),
                        loop.redis()),
                services.keys(),
                services.config().stream().dedupTtl()),
            new SmsModule(
                services.sms(), services.queryCodes(), loop -> conversations(services, loop)));
    ChannelDoor.routes(modules);
    return modules;
  }

  private static AppModule app(Services s) {
    var config = s.config();
    return new AppModule(
        s.app(),
        loop ->
            AppAuthenticators.create(
                loop.vertx(), config.channels().app().auth(), s.pseudonymizer(), s.clock()),
        loop ->
            new AppSubmissions(
                s.app(),
                new RedisIdempotencyStore(
                    s.keys(),
                    config.stream().dedupTtl(),
                    config.channels().app().idempotencyLock(),
                    loop.redis()),
                new RedisMediaRegistry(config.stream().keyPrefix(), loop.redis(), s.clock()),
                loop.pipeline(),
                s.queryCodes()),
        loop -> UploadComponents.create(loop.vertx(), s.config(), s.clock(), loop.redis()),
        new UploadMetrics(s.metrics().registry()),
        new DiskReserve(Path.of(config.dataDir()), config.media().diskReserveBytes()));
  }

  private static WebModule web(Services s) {
    var config = s.config();
    String prefix = config.stream().keyPrefix();
    return new WebModule(
        s.web(),
        loop ->
            new SubmissionGuard(
                prefix,
                loop.redis(),
                new RedisRateLimiter(
                    prefix, config.identity().pseudonymKey().utf8(), loop.redis(), s.clock()),
                config.channels().web(),
                s.clock()),
        loop -> MediaStores.create(loop.vertx(), config),
        s.queryCodes(),
        new DiskReserve(Path.of(config.dataDir()), config.media().diskReserveBytes()));
  }

  private static TelephonyModule telephony(Services s) {
    TelephonyKeys keys = new TelephonyKeys(s.config().stream().keyPrefix(), s.keys());
    var config = s.config().channels().telephony();
    CallSteps steps =
        new CallSteps(
            s.pseudonymizer(),
            s.sealer(),
            s.events(),
            keys,
            s.ids(),
            s.config().replies().enabled());
    return new TelephonyModule(
        s.telephony(),
        steps,
        loop ->
            new RedisCallStore(
                keys,
                loop.redis(),
                s.events(),
                s.ids(),
                s.clock(),
                s.metrics(),
                s.config().stream().dedupTtl(),
                config.callTimeout(),
                config.callbackWindow(),
                s.config().status().retention()),
        s.queryCodes());
  }

  /** One event loop's conversation pipeline (WeChat, SMS), its store on that loop's connection. */
  private static ConversationPipeline conversations(Services s, Loop loop) {
    RedisConversationStore store =
        new RedisConversationStore(
            s.keys(),
            s.config().stream().dedupTtl(),
            s.config().status().retention(),
            loop.redis(),
            s.metrics());
    return new ConversationPipeline(
        loop.pipeline(),
        s.keys(),
        s.events(),
        store,
        s.ids(),
        new WechatMediaScheduler(s.keys()),
        SurveyRegistry.inbox(s, loop));
  }
}
