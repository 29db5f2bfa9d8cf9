package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The citizens' 进度查询 lookup API ({@code POST /v1/lookup}).
 *
 * @param maxBodyBytes largest request body (413 beyond)
 * @param rateLimits how often one IP address and one tracking number may be looked up
 */
public record LookupConfig(int maxBodyBytes, RateLimits rateLimits) {

  /**
   * Fixed-window limits; a lookup counts against all of them at once, all or nothing.
   *
   * @param perIp limits per client IP address
   * @param perTrackingNumber limits per client address and tracking number asked for: they bound
   *     the guesser, never the ticket, so wrong codes from anyone cannot lock the owner out. There
   *     is deliberately no per-ticket ceiling: tracking numbers are on receipts and screenshots,
   *     and any per-ticket count is a lever to lock a citizen out. Guessing stays bounded by the
   *     per-address budget: 10^8 codes at 200 tries a day per address ({@code http/ClientAddress},
   *     trusted proxies) is ~250,000 address-days per expected hit.
   */
  public record RateLimits(List<Limit> perIp, List<Limit> perTrackingNumber) {

    public RateLimits {
      perIp = perIp == null ? List.of() : List.copyOf(perIp);
      perTrackingNumber = perTrackingNumber == null ? List.of() : List.copyOf(perTrackingNumber);
    }
  }

  /** At most {@code max} lookups per {@code window}. */
  public record Limit(long max, Duration window) {}

  /** The per-IP limits as {@link RateLimit}s named {@code lookup-ip-<window>}. */
  public List<RateLimit> ipLimits() {
    return named("lookup-ip-", rateLimits.perIp());
  }

  /** The per-tracking-number limits as {@link RateLimit}s named {@code lookup-tn-<window>}. */
  public List<RateLimit> trackingNumberLimits() {
    return named("lookup-tn-", rateLimits.perTrackingNumber());
  }

  private static List<RateLimit> named(String prefix, List<Limit> limits) {
    List<RateLimit> out = new ArrayList<>();
    for (Limit l : limits) {
      out.add(new RateLimit(prefix + l.window().toSeconds() + "s", l.max(), l.window()));
    }
    return out;
  }

  void validate(Problems p) {
    p.require(
        maxBodyBytes >= 256 && maxBodyBytes <= 65536, "lookup.maxBodyBytes", "must be 256..65536");
    if (rateLimits == null) {
      p.add("lookup.rateLimits", "is required");
      return;
    }
    p.require(!rateLimits.perIp().isEmpty(), "lookup.rateLimits.perIp", "needs at least one limit");
    p.require(
        !rateLimits.perTrackingNumber().isEmpty(),
        "lookup.rateLimits.perTrackingNumber",
        "needs at least one limit");
    check(p, rateLimits.perIp(), "lookup.rateLimits.perIp");
    check(p, rateLimits.perTrackingNumber(), "lookup.rateLimits.perTrackingNumber");
  }

  private static void check(Problems p, List<Limit> limits, String path) {
    for (int i = 0; i < limits.size(); i++) {
      Limit l = limits.get(i);
      String at = path + "[" + i + "]";
      p.require(l != null && l.max() >= 1, at + ".max", "must be at least 1");
      p.require(
          l != null && l.window() != null && l.window().toMillis() >= 1000,
          at + ".window",
          "must be at least 1s");
    }
  }
}
