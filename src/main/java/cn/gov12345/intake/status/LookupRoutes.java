package cn.gov12345.intake.status;

import cn.gov12345.intake.config.LookupConfig;
import cn.gov12345.intake.config.RateLimit;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.RateLimitedException;
import cn.gov12345.intake.error.StoreUnavailableException;
import cn.gov12345.intake.http.ClientAddress;
import cn.gov12345.intake.http.RequestBodies;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.json.StrictJson;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST /v1/lookup} (进度查询): tracking number + query code → the ticket's status history. Every
 * lookup counts against the per-IP and per-tracking-number limits first (429). A well-formed number
 * is looked up, then the code is checked against that ticket's id (the code binds the ticket, see
 * {@link QueryCodes}), always computed and compared in constant time: "no such ticket", "wrong
 * code" and "not a tracking number" are one answer (404 {@code lookup_failed}, same body and
 * headers) and take the same path, so neither the answer nor its timing tells whether a number
 * exists.
 */
public final class LookupRoutes {

  public static final String PATH = "/v1/lookup";
  static final String NAME = "lookup";

  /** The one sentence of every failed lookup. */
  static final String FAILED = "No ticket matches this tracking number and query code.";

  /** Longest tracking number kept as a rate-limit subject (the number itself has at most 20). */
  private static final int MAX_SUBJECT = 32;

  /** Compared against when no ticket carries the number (never a real ticket id). */
  private static final String NO_TICKET = "-";

  private final LookupConfig config;
  private final QueryCodes codes;
  private final RateLimiter limiter;
  private final StatusStore store;
  private final ClientAddress clients;
  private final Function<TicketRecord, String> rateLink;

  public LookupRoutes(
      LookupConfig config,
      QueryCodes codes,
      RateLimiter limiter,
      StatusStore store,
      ClientAddress clients) {
    this(config, codes, limiter, store, clients, ticket -> null);
  }

  /**
   * @param rateLink the 回访 rating link a closed, unrated ticket shows its citizen (docs/survey.md),
   *     or null
   */
  public LookupRoutes(
      LookupConfig config,
      QueryCodes codes,
      RateLimiter limiter,
      StatusStore store,
      ClientAddress clients,
      Function<TicketRecord, String> rateLink) {
    this.rateLink = rateLink;
    this.config = config;
    this.clients = clients;
    this.codes = codes;
    this.limiter = limiter;
    this.store = store;
  }

  /** The body: both fields are strings; anything else is a 400. */
  record Query(String trackingNumber, String queryCode) {}

  /** The routes of one event loop, on its Redis connection. */
  public void mount(Router router) {
    RequestBodies.mount(router, PATH, NAME, config.maxBodyBytes(), this::lookup);
  }

  private void lookup(RoutingContext ctx) {
    Query query = StrictJson.read(RequestBodies.body(ctx), Query.class);
    if (query.trackingNumber() == null || query.queryCode() == null) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "Send trackingNumber and queryCode, both as strings.");
    }
    String number = query.trackingNumber().strip();
    limiter
        .hit(limits(clients.of(ctx.request()), number))
        .recover(
            err ->
                Future.failedFuture(
                    new StoreUnavailableException("The lookup is unavailable; retry later.", err)))
        .compose(
            verdict -> {
              if (!verdict.allowed()) {
                return Future.failedFuture(
                    new RateLimitedException(
                        "Too many lookups; try again later.", verdict.retryAfter()));
              }
              return TrackingNumbers.isValid(number)
                  ? store.find(number)
                  : Future.<TicketRecord>succeededFuture(null);
            })
        .compose(
            ticket ->
                codes.matches(number, ticketIdOf(ticket), query.queryCode())
                    ? Future.succeededFuture(ticket)
                    : Future.<TicketRecord>failedFuture(
                        new ChannelException(ErrorCode.LOOKUP_FAILED, FAILED)))
        .onSuccess(
            ticket ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(answer(ticket).toString()))
        .onFailure(ctx::fail);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode answer(TicketRecord ticket) {
    var answer = ticket.lookupAnswer();
    String link = rateLink.apply(ticket);
    if (link != null) {
      answer.put("rateUrl", link);
    }
    return answer;
  }

  /**
   * The id the code must bind; for no ticket an id no ticket has, so that the comparison (and its
   * time) is the same whether or not the number exists.
   */
  private static String ticketIdOf(TicketRecord ticket) {
    return ticket == null ? NO_TICKET : ticket.ticketId();
  }

  private List<RateLimiter.Subjected> limits(String ip, String number) {
    String subject = number.length() > MAX_SUBJECT ? number.substring(0, MAX_SUBJECT) : number;
    List<RateLimiter.Subjected> limits = new ArrayList<>();
    for (RateLimit l : config.ipLimits()) {
      limits.add(new RateLimiter.Subjected(l, ip));
    }
    for (RateLimit l : config.trackingNumberLimits()) {
      // the guesser, not the ticket: per address and number (a per-number count let ten wrong
      // codes from anyone lock the owner out); see LookupConfig.RateLimits
      limits.add(new RateLimiter.Subjected(l, ip + " " + subject));
    }
    return limits;
  }
}
