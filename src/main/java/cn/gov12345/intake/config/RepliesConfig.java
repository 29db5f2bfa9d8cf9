package cn.gov12345.intake.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replies to citizens (docs/replies.md): receipts, progress notifications and departments' answers,
 * sent by the reply worker through a chain of senders per channel.
 *
 * @param enabled whether the gateway stores reply routes' use, accepts replies and runs the worker
 * @param receipts channels whose tickets get an asynchronous receipt (tracking number + 查询码)
 *     because their synchronous answer cannot reach the citizen (a caller has hung up)
 * @param notifications status -> whether a status report sends the citizen a notification
 * @param templates message kind or status -> text; {@code {trackingNumber}}, {@code {queryCode}},
 *     {@code {department}}, {@code {text}} are replaced (zh-CN by default)
 * @param chains channel -> the senders tried in order ({@code wechat_custom}, {@code
 *     wechat_template}, {@code sms}, {@code app_push}, {@code callback})
 * @param quietHours no send by the listed senders in this window (China time) unless urgent
 * @param maxLength sender kind -> longest text in characters (longer is cut with an ellipsis)
 * @param maxConcurrency sends in flight at most, per replica
 * @param requestTimeout a vendor call without an answer by then is an unknown outcome
 * @param retrySchedule delays between attempts of one sender (then the dead-letter stream)
 * @param wechat WeChat template messages per account and message kind (outside the 48-hour window)
 * @param appPush the app backend's push webhook
 * @param sms the SMS provider (absent = no SMS sender)
 * @param perCitizen at most this many non-urgent messages (receipts aside) reach one citizen's
 *     address per window, across their tickets; more wait for the window to end
 * @param survey the 回访 survey after 办结 (docs/survey.md)
 */
public record RepliesConfig(
    Boolean enabled,
    List<String> receipts,
    Map<String, Boolean> notifications,
    Map<String, String> templates,
    Map<String, List<String>> chains,
    QuietHours quietHours,
    Map<String, Integer> maxLength,
    Integer maxConcurrency,
    Duration requestTimeout,
    List<Duration> retrySchedule,
    Wechat wechat,
    AppPushConfig appPush,
    SmsConfig sms,
    List<LookupConfig.Limit> perCitizen,
    SurveyConfig survey) {

  /** The senders a chain may name. */
  public static final Set<String> SENDERS =
      Set.of("wechat_custom", "wechat_template", "sms", "app_push", "callback");

  /** What a reply may be. */
  public static final Set<String> KINDS =
      Set.of("receipt", "progress", "answer", "request_info", "survey", "survey_which");

  private static final Map<String, String> DEFAULT_TEMPLATES =
      Map.ofEntries(
          Map.entry("receipt", "您的诉求已受理，受理编号 {trackingNumber}，查询码 {queryCode}。凭受理编号和查询码可查询办理进度。"),
          Map.entry("dispatched", "您的诉求（受理编号 {trackingNumber}）已派单至{department}办理。"),
          Map.entry("in_progress", "您的诉求（受理编号 {trackingNumber}）正在办理中。"),
          Map.entry("replied", "您的诉求（受理编号 {trackingNumber}）已答复：{text}"),
          Map.entry("closed", "您的诉求（受理编号 {trackingNumber}）已办结。{text}"),
          Map.entry("progress", "您的诉求（受理编号 {trackingNumber}）办理进展：{text}"),
          Map.entry("answer", "您的诉求（受理编号 {trackingNumber}）答复：{text}"),
          Map.entry("request_info", "您的诉求（受理编号 {trackingNumber}）需要补充材料：{text}"),
          Map.entry(
              "survey",
              "您的诉求（受理编号 {trackingNumber}）已办结。请对本次办理评价：回复 1 满意 2 基本满意 3 不满意。也可打开 {link} 评价（含问题是否解决）。"),
          Map.entry(
              "survey_which",
              "您有多件待评价的诉求：{numbers}。请回复“受理编号 评价”，例如“{example} 1”（1 满意 2 基本满意 3 不满意）。"));

  private static final Map<String, Boolean> DEFAULT_NOTIFY =
      Map.of("dispatched", true, "in_progress", false, "replied", true, "closed", true);

  private static final Map<String, List<String>> DEFAULT_CHAINS =
      Map.of(
          "wechat", List.of("wechat_custom", "wechat_template", "sms", "callback"),
          "telephony", List.of("sms", "callback"),
          "app", List.of("app_push", "sms", "callback"),
          "web", List.of("sms", "callback"),
          "webhook", List.of("sms", "callback"),
          "open311", List.of("sms", "callback"),
          "sms", List.of("sms", "callback"));

  private static final Map<String, Integer> DEFAULT_LENGTHS =
      Map.of("wechat_custom", 600, "wechat_template", 200, "sms", 300, "app_push", 2000);

  private static final List<Duration> DEFAULT_SCHEDULE =
      List.of(
          Duration.ZERO,
          Duration.ofSeconds(10),
          Duration.ofMinutes(1),
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofHours(6));

  private static final List<LookupConfig.Limit> DEFAULT_PER_CITIZEN =
      List.of(
          new LookupConfig.Limit(10, Duration.ofHours(1)),
          new LookupConfig.Limit(30, Duration.ofDays(1)));

  public RepliesConfig {
    enabled = Boolean.TRUE.equals(enabled);
    receipts = receipts == null ? List.of("telephony") : List.copyOf(receipts);
    notifications = merged(DEFAULT_NOTIFY, notifications);
    templates = merged(DEFAULT_TEMPLATES, templates);
    chains = merged(DEFAULT_CHAINS, chains);
    quietHours = quietHours == null ? QuietHours.DEFAULT : quietHours;
    maxLength = merged(DEFAULT_LENGTHS, maxLength);
    maxConcurrency = maxConcurrency == null ? 32 : maxConcurrency;
    wechat = wechat == null ? new Wechat(null) : wechat;
    appPush = appPush == null ? AppPushConfig.none() : appPush;
    perCitizen = orDefault(perCitizen, DEFAULT_PER_CITIZEN);
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    retrySchedule = orDefault(retrySchedule, DEFAULT_SCHEDULE);
    survey = survey == null ? SurveyConfig.disabled() : survey;
  }

  /** Replies off: nothing is sent, the reply API answers 404. */
  public static RepliesConfig disabled() {
    return new RepliesConfig(
        false, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static <T> List<T> orDefault(List<T> given, List<T> fallback) {
    return given == null || given.isEmpty() ? fallback : List.copyOf(given);
  }

  private static <V> Map<String, V> merged(Map<String, V> defaults, Map<String, V> given) {
    Map<String, V> all = new LinkedHashMap<>(defaults);
    if (given != null) {
      all.putAll(given);
    }
    return Map.copyOf(all);
  }

  /** The name of the built-in delivery destination that sends replies. */
  public static final String DESTINATION = "replies";

  /**
   * The built-in {@code replies} destination: what the worker reads (openings for receipts, status
   * reports for notifications, reply requests), its concurrency, retry schedule, and a lease long
   * enough for one attempt to walk a whole chain.
   */
  public DestinationConfig destination() {
    return new DestinationConfig(
        "replies to citizens (built in)",
        "internal:replies",
        List.of(),
        List.of(
            cn.gov12345.intake.model.EventTypes.TICKET_OPENED,
            cn.gov12345.intake.model.EventTypes.TICKET_STATUS,
            cn.gov12345.intake.model.EventTypes.REPLY_REQUESTED),
        null,
        maxConcurrency,
        requestTimeout.multipliedBy(SENDERS.size()),
        retrySchedule);
  }

  /** The per-citizen limits as {@link RateLimit}s named {@code reply-citizen-<window>}. */
  public List<RateLimit> citizenLimits() {
    return perCitizen.stream()
        .map(
            l ->
                new RateLimit("reply-citizen-" + l.window().toSeconds() + "s", l.max(), l.window()))
        .toList();
  }

  /** The chain of a channel (empty: its replies become callback tasks). */
  public List<String> chain(String channel) {
    return chains.getOrDefault(channel, List.of("callback"));
  }

  void validate(Problems p, boolean production, Set<String> wechatAccounts) {
    WechatTemplateConfig.validateAll(
        p, "replies.wechat.templates", wechat.templates(), wechatAccounts);
    appPush.validate(p, "replies.appPush", production);
    if (sms != null) {
      sms.validate(p, "replies.sms", production);
    }
    chains.forEach(
        (channel, chain) ->
            chain.forEach(
                s ->
                    p.require(
                        SENDERS.contains(s),
                        "replies.chains." + channel,
                        "names an unknown sender " + s + " (one of " + SENDERS + ")")));
    templates.forEach(
        (name, text) ->
            p.require(
                text != null && !text.isBlank() && text.length() <= 1000,
                "replies.templates." + name,
                "must be 1..1000 characters"));
    maxLength.forEach(
        (s, n) -> p.require(n != null && n >= 20, "replies.maxLength." + s, "must be at least 20"));
    p.require(
        maxConcurrency >= 1 && maxConcurrency <= 1024, "replies.maxConcurrency", "must be 1..1024");
    RedisConfig.positive(p, requestTimeout, "replies.requestTimeout");
    quietHours.validate(p);
    survey.validate(p, enabled);
    perCitizen.forEach(
        l ->
            p.require(
                l != null && l.max() >= 1 && l.window() != null && l.window().toMillis() >= 1000,
                "replies.perCitizen",
                "each limit needs max >= 1 and a window of at least 1s"));
  }

  /**
   * WeChat replies.
   *
   * @param templates account -> message kind -> the template message sent outside the window
   */
  public record Wechat(Map<String, Map<String, WechatTemplateConfig>> templates) {

    public Wechat {
      templates = templates == null ? Map.of() : Map.copyOf(templates);
    }
  }

  /**
   * No sends by {@code senders} from {@code start} to {@code end} (may wrap midnight) in {@code
   * zone}; an urgent reply ignores it.
   */
  public record QuietHours(String start, String end, String zone, List<String> senders) {

    static final QuietHours DEFAULT =
        new QuietHours("22:00", "08:00", "Asia/Shanghai", List.of("sms"));

    public QuietHours {
      start = start == null ? DEFAULT.start() : start;
      end = end == null ? DEFAULT.end() : end;
      zone = zone == null ? DEFAULT.zone() : zone;
      senders = senders == null ? DEFAULT.senders() : List.copyOf(senders);
    }

    public ZoneId zoneId() {
      return ZoneId.of(zone);
    }

    public LocalTime startTime() {
      return LocalTime.parse(start);
    }

    public LocalTime endTime() {
      return LocalTime.parse(end);
    }

    void validate(Problems p) {
      for (String t : List.of(start, end)) {
        try {
          LocalTime.parse(t);
        } catch (RuntimeException e) {
          p.add("replies.quietHours", t + " is not a time of day such as 22:00");
        }
      }
      try {
        ZoneId.of(zone);
      } catch (RuntimeException e) {
        p.add("replies.quietHours.zone", "is not a time zone id (e.g. Asia/Shanghai)");
      }
    }
  }
}
