package cn.gov12345.intake;

import cn.gov12345.intake.channel.sms.io.SmsReceiptRoutes;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.StatusConfig;
import cn.gov12345.intake.http.ApiModule;
import cn.gov12345.intake.http.ClientAddress;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.LoopFactory;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.pull.PullConsumers;
import cn.gov12345.intake.pull.PullRoutes;
import cn.gov12345.intake.ratelimit.RedisRateLimiter;
import cn.gov12345.intake.redis.PipelinedRedis;
import cn.gov12345.intake.redis.WriteBarrier;
import cn.gov12345.intake.reply.RedisReplyStore;
import cn.gov12345.intake.reply.ReplyMetrics;
import cn.gov12345.intake.reply.ReplyRequestRoutes;
import cn.gov12345.intake.status.LookupRoutes;
import cn.gov12345.intake.status.RedisStatusStore;
import cn.gov12345.intake.status.StatusAuthenticator;
import cn.gov12345.intake.status.StatusRoutes;
import cn.gov12345.intake.stream.RedisStreamStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The wiring of the public port besides the channels ({@link ChannelRegistry}): how each event loop
 * gets its connection, store and pipeline, and the APIs that are not channels. The only place that
 * reads {@link Services} for them; the pieces get what they need through their constructors.
 */
final class ApiRegistry {

  private ApiRegistry() {}

  /** One event loop's pipelined, fenced connection, its barrier, store and pipeline. */
  static LoopFactory loops(Services s) {
    GatewayConfig config = s.config();
    return vertx -> {
      PipelinedRedis redis = new PipelinedRedis(vertx, s.redis(), s.fence()::prepare);
      // what a confirmed write waits for before the ack (durability replicated: WAIT)
      Function<Request, Future<Response>> writes = WriteBarrier.of(config.redis(), redis);
      RedisStreamStore store =
          new RedisStreamStore(
              s.keys(),
              config.stream().dedupTtl(),
              config.status().retention(),
              writes,
              s.metrics());
      IntakePipeline pipeline =
          new IntakePipeline(
              s.pseudonymizer(),
              s.sealer(),
              s.keys(),
              s.events(),
              store,
              s.ids(),
              s.config().replies().enabled());
      return new LoopFactory.Opened(new Loop(vertx, writes, pipeline, redis::send), redis::close);
    };
  }

  /** The APIs of the public port that are not channels. */
  static List<ApiModule> modules(Services s) {
    List<ApiModule> modules = new ArrayList<>(List.of(lookup(s), status(s)));
    if (s.config().replies().enabled()) {
      modules.add(replies(s));
    }
    SurveyRegistry.routes(s).ifPresent(modules::add);
    modules.add(pull(s));
    return List.copyOf(modules);
  }

  /** Departments' replies to citizens: acked after a confirmed write. */
  private static ApiModule replies(Services s) {
    GatewayConfig config = s.config();
    return (router, loop) -> {
      RedisReplyStore store =
          new RedisReplyStore(s.keys(), config.stream().dedupTtl(), loop.redis());
      if (config.replies().sms() != null) {
        new SmsReceiptRoutes(
                config.replies().sms(),
                store,
                new ReplyMetrics(s.metrics().registry()),
                s.ids(),
                s.clock())
            .mount(router);
      }
      new ReplyRequestRoutes(
              new StatusAuthenticator(
                  config.delivery(),
                  new PullConsumers(config.pull()),
                  config.status().tolerance(),
                  s.clock()),
              new RedisStatusStore(
                  s.keys(), config.status().retention(), config.stream().dedupTtl(), loop.reads()),
              store,
              s.ids(),
              s.clock())
          .mount(router);
      return ApiModule.NOTHING;
    };
  }

  /** 进度查询: reads and counters, no barrier. */
  private static ApiModule lookup(Services s) {
    GatewayConfig config = s.config();
    return (router, loop) -> {
      new LookupRoutes(
              config.lookup(),
              s.queryCodes(),
              new RedisRateLimiter(
                  config.stream().keyPrefix(),
                  config.identity().pseudonymKey().utf8(),
                  loop.reads(),
                  s.clock()),
              new RedisStatusStore(
                  s.keys(), config.status().retention(), config.stream().dedupTtl(), loop.reads()),
              new ClientAddress(config.http().trustedProxies()),
              SurveyRegistry.rateLink(s))
          .mount(router);
      return ApiModule.NOTHING;
    };
  }

  /** Status reports of the departments: acked after a confirmed write. */
  private static ApiModule status(Services s) {
    GatewayConfig config = s.config();
    StatusConfig status = config.status();
    return (router, loop) -> {
      new StatusRoutes(
              new StatusAuthenticator(
                  config.delivery(),
                  new PullConsumers(config.pull()),
                  status.tolerance(),
                  s.clock()),
              new RedisStatusStore(
                  s.keys(), status.retention(), config.stream().dedupTtl(), loop.redis()),
              status,
              s.ids(),
              s.clock())
          .mount(router);
      return ApiModule.NOTHING;
    };
  }

  private static ApiModule pull(Services s) {
    GatewayConfig config = s.config();
    return (router, loop) -> {
      PullRoutes pull =
          new PullRoutes(
              loop.vertx(),
              config.pull(),
              s.keys(),
              s.metrics().registry(),
              s.redis().pooled(),
              config.redis().commandTimeout());
      pull.mount(router);
      return pull::close;
    };
  }
}
