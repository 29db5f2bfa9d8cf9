package cn.gov12345.intake.survey;

import cn.gov12345.intake.http.ApiModule;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The signed one-time rating page {@code /rate/<token>} (docs/survey.md): no login — the token is
 * the credential, checked before anything is read or written. GET shows the form, or the rating
 * once given; POST (a plain form, no script needed) records it once. A forged or cut token is 404,
 * an expired one (or a ticket no longer kept) 410, a second rating 409 with the first one shown, a
 * bad form 400 with the form again; none of these writes anything.
 */
public final class RatingRoutes implements ApiModule {

  static final String PATH = "/rate/:token";
  private static final int MAX_BODY = 4096;
  private static final String HTML = "text/html; charset=utf-8";
  private static final String CLAIM = "rating.claim";

  private final SurveyTokens tokens;
  private final Function<Loop, Ratings> ratings;
  private final Clock clock;

  /**
   * @param ratings one event loop's ratings, on its Redis connection
   */
  public RatingRoutes(SurveyTokens tokens, Function<Loop, Ratings> ratings, Clock clock) {
    this.tokens = tokens;
    this.ratings = ratings;
    this.clock = clock;
  }

  @Override
  public Mounted mount(Router router, Loop loop) {
    Ratings r = ratings.apply(loop);
    router.route(PATH).handler(new SecurityHeaders());
    router.get(PATH).handler(ctx -> claim(ctx).ifPresent(c -> show(ctx, r, c)));
    router.post(PATH).handler(this::preamble);
    router
        .post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(ctx -> submit(ctx, r, ctx.get(CLAIM)));
    return NOTHING;
  }

  /** The token's claim; answers 404 / 410 itself when there is none to act on. */
  private Optional<SurveyTokens.Claim> claim(RoutingContext ctx) {
    Optional<SurveyTokens.Claim> claim = tokens.verify(ctx.pathParam("token"));
    if (claim.isEmpty()) {
      end(ctx, 404, RatingPageHtml.refused(english(ctx), false));
      return Optional.empty();
    }
    if (!claim.get().expiresAt().isAfter(clock.instant())) {
      end(ctx, 410, RatingPageHtml.refused(english(ctx), true));
      return Optional.empty();
    }
    return claim;
  }

  /** Before the body is read: a valid token, a form content type, a small declared length. */
  private void preamble(RoutingContext ctx) {
    Optional<SurveyTokens.Claim> claim = claim(ctx);
    if (claim.isEmpty()) {
      return;
    }
    ctx.put(CLAIM, claim.get());
    String type = ctx.request().getHeader("Content-Type");
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      end(ctx, 415, RatingPageHtml.refused(english(ctx), false));
      return;
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null
        && (!length.strip().matches("[0-9]{1,6}") || Integer.parseInt(length.strip()) > MAX_BODY)) {
      end(ctx, 413, RatingPageHtml.refused(english(ctx), false));
      return;
    }
    ctx.next();
  }

  private void show(RoutingContext ctx, Ratings r, SurveyTokens.Claim c) {
    boolean en = english(ctx);
    r.current(c.trackingNumber(), c.ticketId())
        .onSuccess(
            now ->
                end(
                    ctx,
                    now.state() == Ratings.State.UNKNOWN_TICKET ? 410 : 200,
                    switch (now.state()) {
                      case UNKNOWN_TICKET -> RatingPageHtml.refused(en, true);
                      case OPEN ->
                          RatingPageHtml.form(ctx.pathParam("token"), c.trackingNumber(), en, null);
                      default ->
                          RatingPageHtml.result(
                              c.trackingNumber(), now.rating(), now.solved(), en, false);
                    }))
        .onFailure(e -> unavailable(ctx, en));
  }

  private void submit(RoutingContext ctx, Ratings r, SurveyTokens.Claim c) {
    boolean en = english(ctx);
    var form =
        RatingForm.parse(
            ctx.request().getFormAttribute("rating"),
            ctx.request().getFormAttribute("solved"),
            ctx.request().getFormAttribute("comment"));
    if (form.isEmpty()) {
      String error = RatingPageHtml.text(en, "formError");
      end(ctx, 400, RatingPageHtml.form(ctx.pathParam("token"), c.trackingNumber(), en, error));
      return;
    }
    RatingForm f = form.get();
    Future<Ratings.Result> rated =
        r.rate(c.trackingNumber(), c.ticketId(), f.rating(), f.solved(), f.comment(), "web");
    rated
        .onSuccess(
            res ->
                end(
                    ctx,
                    switch (res.state()) {
                      case RATED -> 200;
                      case ALREADY_RATED -> 409;
                      default -> 410;
                    },
                    res.state() == Ratings.State.UNKNOWN_TICKET
                        ? RatingPageHtml.refused(en, true)
                        : RatingPageHtml.result(
                            c.trackingNumber(),
                            res.rating(),
                            res.solved(),
                            en,
                            res.state() == Ratings.State.RATED)))
        .onFailure(e -> unavailable(ctx, en));
  }

  private static void unavailable(RoutingContext ctx, boolean en) {
    ctx.response().putHeader("Retry-After", "30");
    end(ctx, 503, RatingPageHtml.unavailable(en));
  }

  /**
   * English on {@code ?lang=en} (the page's own switch), Chinese otherwise, like the citizen pages.
   */
  private static boolean english(RoutingContext ctx) {
    String lang = ctx.request().getParam("lang");
    return lang != null && lang.startsWith("en");
  }

  private static void end(RoutingContext ctx, int status, String html) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", HTML)
        .putHeader("Cache-Control", "no-store")
        .end(html);
  }
}
