package cn.gov12345.intake;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.HttpConfig;
import cn.gov12345.intake.config.SurveyConfig;
import cn.gov12345.intake.config.WechatAccountConfig;
import cn.gov12345.intake.http.ApiModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.pipeline.RatingInbox;
import cn.gov12345.intake.pull.PullConsumers;
import cn.gov12345.intake.reply.RedisReplyStore;
import cn.gov12345.intake.reply.ReplyHook;
import cn.gov12345.intake.status.RedisStatusStore;
import cn.gov12345.intake.status.StatusAuthenticator;
import cn.gov12345.intake.status.TicketRecord;
import cn.gov12345.intake.survey.PhoneRatingRoutes;
import cn.gov12345.intake.survey.RatingRoutes;
import cn.gov12345.intake.survey.Ratings;
import cn.gov12345.intake.survey.RedisSurveyStore;
import cn.gov12345.intake.survey.SurveyHook;
import cn.gov12345.intake.survey.SurveyInbox;
import cn.gov12345.intake.survey.SurveyTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The wiring of the 回访 survey (docs/survey.md): its part in the reply chain (the rating link, the
 * open survey registered before a send), the chat texts it takes as ratings, the rating page. All
 * absent while {@code replies.survey.enabled} is off.
 */
final class SurveyRegistry {

  private SurveyRegistry() {}

  static boolean enabled(Services s) {
    return s.config().replies().enabled() && s.config().replies().survey().enabled();
  }

  /** The reply chain's hook, on the reply worker's Redis connection. */
  static ReplyHook hook(Services s, Function<Request, Future<Response>> redis) {
    if (!enabled(s)) {
      return ReplyHook.NONE;
    }
    GatewayConfig config = s.config();
    SurveyConfig survey = config.replies().survey();
    Map<String, String> appIds = new TreeMap<>();
    config.channels().wechat().accounts().forEach((name, a) -> appIds.put(name, appId(a)));
    return new SurveyHook(
        tokens(s),
        store(s, redis),
        s.pseudonymizer(),
        appIds,
        linkBase(survey, config.http()),
        survey.delay(),
        survey.expiry(),
        s.clock());
  }

  /** The chat texts taken as ratings, on one event loop's connection. */
  static RatingInbox inbox(Services s, Loop loop) {
    if (!enabled(s)) {
      return RatingInbox.NONE;
    }
    return new SurveyInbox(
        store(s, loop.redis()),
        ratings(s, loop),
        new RedisReplyStore(s.keys(), s.config().stream().dedupTtl(), loop.redis()),
        s.ids(),
        s.clock());
  }

  /** The rating page, when surveys are on. */
  static Optional<ApiModule> routes(Services s) {
    if (!enabled(s)) {
      return Optional.empty();
    }
    GatewayConfig c = s.config();
    RatingRoutes page = new RatingRoutes(tokens(s), loop -> ratings(s, loop), s.clock());
    return Optional.of(
        (router, loop) -> {
          page.mount(router, loop);
          new PhoneRatingRoutes(
                  new StatusAuthenticator(
                      c.delivery(), new PullConsumers(c.pull()), c.status().tolerance(), s.clock()),
                  new RedisStatusStore(
                      s.keys(), c.status().retention(), c.stream().dedupTtl(), loop.reads()),
                  ratings(s, loop))
              .mount(router);
          return ApiModule.NOTHING;
        });
  }

  /**
   * The rating link 进度查询 shows a closed, unrated ticket while it can be rated — for citizens the
   * survey cannot reach (an anonymous web submission has no route); null otherwise.
   */
  static Function<TicketRecord, String> rateLink(Services s) {
    if (!enabled(s)) {
      return t -> null;
    }
    SurveyTokens tokens = tokens(s);
    SurveyConfig survey = s.config().replies().survey();
    // the page answers on the gateway's own origin: a relative link unless a base is configured
    String base = configuredBase(survey, s.config().http());
    return t -> {
      String closedAt = null;
      for (JsonNode step : t.record().path("history")) {
        if ("closed".equals(step.path("status").asText())) {
          closedAt = step.path("recordedAt").asText(null);
        }
      }
      if (!"closed".equals(t.status())
          || closedAt == null
          || t.record().path("rating").isObject()) {
        return null;
      }
      Instant expires = Instant.parse(closedAt).plus(survey.expiry());
      return expires.isAfter(s.clock().instant())
          ? base + "/rate/" + tokens.sign(t.ticketId(), t.trackingNumber(), expires)
          : null;
    };
  }

  private static Ratings ratings(Services s, Loop loop) {
    return new Ratings(store(s, loop.redis()), s.ids(), s.clock());
  }

  private static RedisSurveyStore store(Services s, Function<Request, Future<Response>> redis) {
    return new RedisSurveyStore(s.keys(), s.config().stream().dedupTtl(), s.clock(), redis);
  }

  private static SurveyTokens tokens(Services s) {
    return new SurveyTokens(s.config().identity().pseudonymKey().utf8());
  }

  private static String appId(WechatAccountConfig a) {
    return a.appId() == null ? "" : a.appId();
  }

  /** Where citizens reach the rating page: the survey's base URL, the public one, or host:port. */
  static String linkBase(SurveyConfig survey, HttpConfig http) {
    String base = configuredBase(survey, http);
    return base.isEmpty() ? "http://" + http.host() + ":" + http.port() : base;
  }

  /** The survey's base URL, else the public one, else empty. */
  private static String configuredBase(SurveyConfig survey, HttpConfig http) {
    if (!survey.linkBaseUrl().isEmpty()) {
      return survey.linkBaseUrl();
    }
    String base = http.publicBaseUrl() == null ? "" : http.publicBaseUrl().strip();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
