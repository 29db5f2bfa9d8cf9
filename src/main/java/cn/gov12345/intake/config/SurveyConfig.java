package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * The 回访 survey after 办结 (docs/survey.md): one survey per ticket, sent on the citizen's reply chain
 * {@code delay} after the 已办结 status report, answerable until {@code expiry} after it was requested
 * — by a WeChat or SMS reply ("1" 满意, "2" 基本满意, "3" 不满意) or on the signed one-time page {@code
 * /rate/<token>}.
 *
 * @param enabled whether a 已办结 report schedules a survey (needs {@code replies.enabled})
 * @param delay how long after the 已办结 report the survey is sent (quiet hours still apply)
 * @param expiry how long a survey can be answered, counted from the 已办结 report
 * @param linkBaseUrl where citizens reach {@code /rate/<token>} (e.g. {@code
 *     https://12345.example.gov.cn}); empty = {@code http.publicBaseUrl}
 */
public record SurveyConfig(Boolean enabled, Duration delay, Duration expiry, String linkBaseUrl) {

  public SurveyConfig {
    enabled = Boolean.TRUE.equals(enabled);
    delay = delay == null ? Duration.ofHours(2) : delay;
    expiry = expiry == null ? Duration.ofDays(7) : expiry;
    linkBaseUrl = linkBaseUrl == null ? "" : stripSlash(linkBaseUrl.strip());
  }

  /** Surveys off. */
  public static SurveyConfig disabled() {
    return new SurveyConfig(false, null, null, null);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  void validate(Problems p, boolean repliesEnabled) {
    p.require(
        !enabled || repliesEnabled,
        "replies.survey.enabled",
        "needs replies.enabled: the survey is sent on the reply chain");
    p.require(delay != null && !delay.isNegative(), "replies.survey.delay", "must not be negative");
    p.require(
        expiry != null && expiry.compareTo(delay.plusHours(1)) >= 0,
        "replies.survey.expiry",
        "must be at least one hour longer than replies.survey.delay");
    p.require(
        linkBaseUrl.isEmpty() || linkBaseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"),
        "replies.survey.linkBaseUrl",
        "must be an http(s) URL without query, e.g. https://12345.example.gov.cn");
  }
}
