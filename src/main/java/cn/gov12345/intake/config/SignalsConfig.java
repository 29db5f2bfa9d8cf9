package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The governance signals worker (docs/signals.md): a consumer group over every partition's tickets
 * stream that emits linked citizens, supervision clues (repeat contact after 已办结), suspected
 * duplicates and early-warning alerts as events. All times are event times.
 *
 * @param enabled run the worker in this gateway (every replica may: the group shares the work)
 * @param group the consumer group name on the tickets streams
 * @param pollInterval how often each partition is read (non-blocking reads)
 * @param batch entries read per partition and poll
 * @param reclaimAfter an entry a dead worker held longer than this is taken over
 * @param retention signal state (tickets, closures, claims) is kept this long in event time
 * @param radiusMeters two places within this distance are "the same place"
 * @param repeatPeriod a contact this long after a ticket's closure is a repeat (supervision clue)
 * @param duplicateWindow two tickets this close in time may be duplicates
 * @param maxPairs at most this many duplicate pairs per ticket (the rest are counted, not emitted)
 * @param categories keyword categories, first match wins; tickets without one fall back to their
 *     {@code category} or {@code appealType}
 * @param alerts the early-warning counts
 */
public record SignalsConfig(
    Boolean enabled,
    String group,
    Duration pollInterval,
    Integer batch,
    Duration reclaimAfter,
    Duration retention,
    Integer radiusMeters,
    Duration repeatPeriod,
    Duration duplicateWindow,
    Integer maxPairs,
    List<Category> categories,
    AlertsConfig alerts) {

  private static final String NAME = "[^|\\s:]{1,32}";

  public SignalsConfig {
    enabled = enabled != null && enabled;
    group = or(group, "signals");
    pollInterval = or(pollInterval, Duration.ofMillis(500));
    batch = or(batch, 100);
    reclaimAfter = or(reclaimAfter, Duration.ofMinutes(1));
    retention = or(retention, Duration.ofDays(40));
    radiusMeters = or(radiusMeters, 50);
    repeatPeriod = or(repeatPeriod, Duration.ofDays(30));
    duplicateWindow = or(duplicateWindow, Duration.ofHours(72));
    maxPairs = or(maxPairs, 20);
    categories = categories == null ? List.of() : List.copyOf(categories);
    alerts = or(alerts, AlertsConfig.defaults());
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** The worker off, every threshold at its default. */
  public static SignalsConfig disabled() {
    return new SignalsConfig(
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * One keyword category.
   *
   * @param name the category name signals carry (e.g. {@code 停水})
   * @param keywords words of which one must occur in the ticket text
   */
  public record Category(String name, List<String> keywords) {
    public Category {
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
  }

  /**
   * Early warning: counts per category (and watched keyword) × region code (6 digits and its 2/4
   * digit prefixes) in sliding windows of {@code step}-long buckets, against an EWMA baseline.
   *
   * @param step bucket length; a window is evaluated when an event of a later bucket arrives
   * @param alpha weight of the newest window count in the EWMA baseline (per step)
   * @param windows the windows and their thresholds
   * @param keywords watch list: each word is its own series ({@code keyword:停水})
   */
  public record AlertsConfig(
      Duration step, Double alpha, List<AlertWindow> windows, List<String> keywords) {
    public AlertsConfig {
      step = step == null ? Duration.ofMinutes(1) : step;
      alpha = alpha == null ? 0.02 : alpha;
      windows =
          windows == null
              ? List.of(
                  new AlertWindow(Duration.ofMinutes(15), 10, 4.0),
                  new AlertWindow(Duration.ofHours(1), 20, 3.0))
              : List.copyOf(windows);
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    static AlertsConfig defaults() {
      return new AlertsConfig(null, null, null, null);
    }
  }

  /**
   * @param length the window (a multiple of {@code step}, at most 120 steps)
   * @param floor an alert needs at least this many tickets in the window
   * @param factor and at least this many times the baseline
   */
  public record AlertWindow(Duration length, Integer floor, Double factor) {}

  void validate(Problems p) {
    p.require(group.matches("[a-z][a-z0-9-]{0,31}"), "signals.group", "must be [a-z][a-z0-9-]*");
    RedisConfig.positive(p, pollInterval, "signals.pollInterval");
    RedisConfig.positive(p, reclaimAfter, "signals.reclaimAfter");
    p.require(batch >= 1 && batch <= 1000, "signals.batch", "must be 1..1000");
    p.require(radiusMeters >= 1 && radiusMeters <= 5000, "signals.radiusMeters", "must be 1..5000");
    p.require(maxPairs >= 1 && maxPairs <= 200, "signals.maxPairs", "must be 1..200");
    p.require(
        repeatPeriod.compareTo(Duration.ofHours(1)) >= 0 && repeatPeriod.compareTo(retention) <= 0,
        "signals.repeatPeriod",
        "must be at least 1h and at most signals.retention");
    p.require(
        duplicateWindow.compareTo(Duration.ofMinutes(1)) >= 0
            && duplicateWindow.compareTo(retention) <= 0,
        "signals.duplicateWindow",
        "must be at least 1m and at most signals.retention");
    validateCategories(p);
    validateAlerts(p);
  }

  private void validateCategories(Problems p) {
    Set<String> names = new HashSet<>();
    for (Category c : categories) {
      p.require(
          c.name() != null && c.name().matches(NAME) && names.add(c.name()),
          "signals.categories",
          "names must be unique, 1-32 characters without spaces, '|' or ':'");
      p.require(
          !c.keywords().isEmpty() && c.keywords().stream().noneMatch(SignalsConfig::blank),
          "signals.categories." + c.name() + ".keywords",
          "must be a non-empty list of non-blank words");
    }
  }

  private void validateAlerts(Problems p) {
    long step = alerts.step().toMillis();
    p.require(step >= 1000, "signals.alerts.step", "must be at least 1s");
    p.require(alerts.alpha() > 0 && alerts.alpha() <= 1, "signals.alerts.alpha", "must be (0, 1]");
    p.require(!alerts.windows().isEmpty(), "signals.alerts.windows", "must not be empty");
    for (AlertWindow w : alerts.windows()) {
      boolean steps =
          w.length() != null
              && step >= 1000
              && w.length().toMillis() % step == 0
              && w.length().toMillis() / step <= 120;
      p.require(steps, "signals.alerts.windows", "lengths must be 1..120 whole steps");
      p.require(
          w.floor() != null && w.floor() >= 1, "signals.alerts.windows", "floor must be >= 1");
      p.require(
          w.factor() != null && w.factor() >= 1, "signals.alerts.windows", "factor must be >= 1");
    }
    p.require(
        alerts.keywords().stream().noneMatch(k -> blank(k) || !k.matches(NAME)),
        "signals.alerts.keywords",
        "must be words of 1-32 characters without spaces, '|' or ':'");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
